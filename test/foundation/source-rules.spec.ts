import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) ? [path] : [];
  });
}

const files = ['apps', 'libs', 'bench'].flatMap((folder) => {
  try {
    return sourceFiles(join(ROOT, folder));
  } catch {
    return [];
  }
});
const isTest = (path: string) => /\.(spec|integration-spec|e2e-spec)\.ts$/.test(path) || path.includes('/testing/');

describe('source rules (STYLE.md 12, 14; brief rules 3 and 5)', () => {
  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('never turns on TypeORM synchronize outside throwaway tests', () => {
    const offenders = files.filter(
      (path) => !isTest(path) && /synchronize\s*:\s*true/.test(readFileSync(path, 'utf8')),
    );
    expect(offenders.map((path) => relative(ROOT, path))).toEqual([]);
  });

  it('reads process.env only in libs/config', () => {
    const offenders = files.filter(
      (path) => !relative(ROOT, path).startsWith('libs/config/') && /process\.env\b/.test(readFileSync(path, 'utf8')),
    );
    expect(offenders.map((path) => relative(ROOT, path))).toEqual([]);
  });

  it('keeps libs/domain free of Nest, TypeORM and drivers', () => {
    const offenders = files.filter(
      (path) =>
        relative(ROOT, path).startsWith('libs/domain/') &&
        /from '(@nestjs\/|typeorm|pg'|ioredis|bullmq)/.test(readFileSync(path, 'utf8')),
    );
    expect(offenders.map((path) => relative(ROOT, path))).toEqual([]);
  });

  it('keeps libs/queues free of persistence and platform (contracts only: no import circle)', () => {
    const offenders = files.filter(
      (path) =>
        relative(ROOT, path).startsWith('libs/queues/') &&
        !isTest(path) &&
        /from '@motcua\/(persistence|platform|application)/m.test(readFileSync(path, 'utf8')),
    );
    expect(offenders.map((path) => relative(ROOT, path))).toEqual([]);
  });

  it('keeps libs/persistence free of queue runtime, platform and application (repositories are I/O)', () => {
    const offenders = files.filter(
      (path) =>
        relative(ROOT, path).startsWith('libs/persistence/') &&
        !isTest(path) &&
        (/^import (?!type )[^;]*from '(@motcua\/queues|bullmq)/m.test(readFileSync(path, 'utf8')) ||
          /from '@motcua\/(platform|application)/m.test(readFileSync(path, 'utf8'))),
    );
    expect(offenders.map((path) => relative(ROOT, path))).toEqual([]);
  });

  it('has one arming path: clock ledger writes and timer re-arms go through recordClockEntry (issue #9)', () => {
    // appendClockEntry without the re-arm would leave the timers on the old deadline until the reconciler runs;
    // rearmDeadlineTimers outside the arming path is a second arming path. Allowed: the arming path itself and the
    // stale-check (rearmIfStale) that the firing path and the reconciler share.
    const allowed: Record<string, RegExp> = {
      'libs/persistence/src/dossier/clock-entry.repository.ts': /appendClockEntry/,
      'libs/application/src/clock/record-clock-entry.use-case.ts': /appendClockEntry|rearmDeadlineTimers/,
      'libs/application/src/deadlines/rearm-deadline-timers.use-case.ts': /rearmDeadlineTimers/,
    };
    const offenders = files.filter((path) => {
      const name = relative(ROOT, path);
      if (isTest(path) || name.startsWith('bench/')) return false;
      const calls = readFileSync(path, 'utf8').match(/\b(appendClockEntry|rearmDeadlineTimers)\(/g) ?? [];
      return calls.some((call) => !allowed[name]?.test(call));
    });
    expect(offenders.map((path) => relative(ROOT, path))).toEqual([]);
  });

  it('keeps non-test files under ~300 lines, or says why in a "File length:" comment (issue #9)', () => {
    const offenders = files.filter((path) => {
      if (isTest(path) || relative(ROOT, path).includes('/migrations/')) return false;
      const text = readFileSync(path, 'utf8');
      // Generated (and git-ignored) code, e.g. the console's OpenAPI types.
      if (text.slice(0, 200).includes('auto-generated')) return false;
      return text.split('\n').length > 330 && !text.includes('File length:');
    });
    expect(offenders.map((path) => relative(ROOT, path))).toEqual([]);
  });
});
