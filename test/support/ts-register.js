/*
 * Lets a child `node` process run the project's TypeScript directly (multi-process tests):
 *   node -r ./test/support/ts-register.js some-script.ts
 * Transpiles each .ts file on load (no type check) and resolves the @motcua/* aliases.
 */
const fs = require('fs');
const path = require('path');
const ts = require('typescript');
const { register } = require('tsconfig-paths');

const root = path.join(__dirname, '..', '..');
const tsconfig = require(path.join(root, 'tsconfig.json'));
register({ baseUrl: root, paths: tsconfig.compilerOptions.paths });

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
      resolveJsonModule: true,
    },
  });
  module._compile(outputText, filename);
};
