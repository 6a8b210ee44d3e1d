#!/usr/bin/env node
/*
 * The npm mirror reachable here lacks msgpackr-extract's prebuilt binaries for other platforms
 * (darwin, win32, linux-arm), so `npm install` leaves them out of package-lock.json and `npm ci` then
 * refuses the lock. They are optional, platform-restricted and never installed on Linux x64; this adds
 * their lock entries (as a full registry would) so `npm ci` accepts the lock. Run after `npm install`.
 */
const fs = require('fs');
const path = require('path');
const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const parent = lock.packages['node_modules/msgpackr-extract'];
let added = 0;
for (const [name, version] of Object.entries(parent?.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const [, os, cpu] = name.match(/msgpackr-extract-(darwin|linux|win32)-(\w+)$/) ?? [];
  if (!os) continue;
  lock.packages[key] = { version, cpu: [cpu], license: 'MIT', optional: true, os: [os] };
  added++;
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`complete-lockfile: added ${added} platform-specific optional entries`);
