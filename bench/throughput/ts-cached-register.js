/*
 * Like test/support/ts-register.js (run the project's TypeScript directly, @motcua/* aliases resolved), with the
 * transpiled output cached on disk under .local/ts-cache by content hash: the bench boots the launcher several
 * times, and transpiling ~1,000 files on a loaded 2-core machine took over a minute per boot.
 *   node -r ./bench/throughput/ts-cached-register.js some-script.ts
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const ts = require('typescript');
const { register } = require('tsconfig-paths');

// The checkout being run (the bench also runs an older checkout of the same repository for before/after runs).
const root = process.cwd();
const tsconfig = require(path.join(root, 'tsconfig.json'));
register({ baseUrl: root, paths: tsconfig.compilerOptions.paths });
// One cache for every checkout the bench runs (keyed by the file's path inside its checkout and its content), so
// an older commit's worktree transpiles only the files that differ.
const cacheDirectory = process.env.MOTCUA_TS_CACHE || path.join(root, '.local', 'ts-cache');
fs.mkdirSync(cacheDirectory, { recursive: true });
const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  resolveJsonModule: true,
};
const optionsKey = `${ts.version}:${JSON.stringify(compilerOptions)}`;

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha1').update(optionsKey).update(path.relative(root, filename)).update(source).digest('hex');
  const cached = path.join(cacheDirectory, `${key}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    output = ts.transpileModule(source, { fileName: filename, compilerOptions }).outputText;
    const temporary = `${cached}.${process.pid}`;
    fs.writeFileSync(temporary, output);
    fs.renameSync(temporary, cached);
  }
  module._compile(output, filename);
};
