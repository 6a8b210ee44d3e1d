// Reports the web console's bundle size (raw and gzip, per file and total) after `vite build`:
// printed, and written to dist/web-bundle.json for the browser test's report.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('../../../dist/web/', import.meta.url).pathname;
const files = [];
const walk = (directory) => {
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(js|css|html)$/.test(name)) {
      const content = readFileSync(path);
      files.push({ file: relative(root, path), bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length });
    }
  }
};
walk(root);
files.sort((a, b) => b.gzipBytes - a.gzipBytes);
const total = files.reduce((sum, f) => ({ bytes: sum.bytes + f.bytes, gzipBytes: sum.gzipBytes + f.gzipBytes }), { bytes: 0, gzipBytes: 0 });
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log('web console bundle (dist/web):');
for (const f of files) console.log(`  ${f.file.padEnd(40)} ${kib(f.bytes).padStart(10)}  gzip ${kib(f.gzipBytes).padStart(9)}`);
console.log(`  ${'total'.padEnd(40)} ${kib(total.bytes).padStart(10)}  gzip ${kib(total.gzipBytes).padStart(9)}`);
writeFileSync(new URL('../../../dist/web-bundle.json', import.meta.url), JSON.stringify({ files, total }, null, 2));
