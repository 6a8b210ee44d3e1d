import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Issue #9, "one home for each shared rule": each rule below has exactly one home, and a copy written elsewhere
 * fails this spec. Each rule is a pure function over (path, text) with a positive control, so a rule that stopped
 * matching anything would fail too.
 */
const ROOT = join(__dirname, '..', '..');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const isTest = (path: string) =>
  /\.(spec|integration-spec|e2e-spec|browser-spec)\.ts$/.test(path) || path.includes('/testing/');
const sources: Array<{ path: string; text: string }> = ['apps', 'libs']
  .flatMap((folder) => sourceFiles(join(ROOT, folder)))
  .map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }))
  .filter(({ path }) => !isTest(path));

type Rule = (path: string, text: string) => string[];
const offenders = (rule: Rule, files: Array<{ path: string; text: string }>) =>
  files.flatMap(({ path, text }) => rule(path, text).map((finding) => `${path}: ${finding}`));

// 1. Receiving a dossier: row, code counter, lookup secret, counting start, intake event.
const INTAKE_CORE = 'libs/application/src/intake/receive-dossier.use-case.ts';
const INTAKE_STEPS: Array<[string, RegExp]> = [
  ['inserts a dossier row', /\.insertDossier\(/],
  ['takes a code from the counter', /\.nextCodeSequence\(|formatDossierCode\(/],
  ['sets a dossier code', /\.setCode\(|\.assignCodeFromCounter\(/],
  ['stores a lookup secret', /hashLookupSecret\(\s*deriveLookupSecret\(/],
  ['computes a counting start', /\.countingStart\(|effectiveCutoffTime\(/],
  ['writes an intake event', /type:\s*'intake-(accepted|supplement-requested|refused)'/],
];
const intakeCopy: Rule = (path, text) => {
  // Homes of the pieces themselves: the domain rules (a complaint also counts from the next working day) and the core;
  // the repository methods are declared, not called, in libs/persistence.
  if (path === INTAKE_CORE || path.startsWith('libs/domain/')) return [];
  return INTAKE_STEPS.filter(([, pattern]) => pattern.test(text)).map(([what]) => what);
};

// 2. The dossier row lock: a locking clause in a statement that reads the dossier table.
const LOCK_HOME = 'libs/persistence/src/dossier/dossier-lock.ts';
const LOCK_CLAUSE = /\bFOR\s+(NO\s+KEY\s+UPDATE|UPDATE|KEY\s+SHARE|SHARE)\b/i;
const DOSSIER_TABLE = /\b(FROM|JOIN)\s+dossier\b(?!_)/i;
const dossierLockCopy: Rule = (path, text) => {
  if (path === LOCK_HOME) return [];
  // A statement is a template literal (text between backticks) or a line; both must name the table and lock.
  const statements = [...text.split('`').filter((_, index) => index % 2 === 1), ...text.split('\n')];
  const found = statements.filter((statement) => LOCK_CLAUSE.test(statement) && DOSSIER_TABLE.test(statement));
  const aliased = text.match(/\bFOR\s+(NO\s+KEY\s+)?UPDATE\s+OF\s+(d|dossier)\b/gi) ?? [];
  return [...new Set([...found, ...aliased].map((statement) => statement.trim().slice(0, 80)))];
};

// 3. Vietnam's time zone: its name and a +07 offset (as SQL or as a string).
const ZONE_HOMES = [
  'libs/domain/src/calendar/vietnam-time.ts',
  'libs/persistence/src/calendar/vietnam-time-sql.ts',
  'apps/web/src/ui/labels.ts',
];
const ZONE_COPIES =
  /['"`]Asia\/Ho_Chi_Minh['"`]|AT TIME ZONE\s+'(UTC)?[+-]0?7(:00)?'|interval\s+'7 hours?'|'\+07(:00)?'/;
const zoneCopy: Rule = (path, text) => (ZONE_HOMES.includes(path) || !ZONE_COPIES.test(text) ? [] : ['names the zone']);

describe('one home per shared rule (issue #9)', () => {
  it('reads the source tree', () => {
    expect(sources.length).toBeGreaterThan(200);
    expect(sources.map(({ path }) => path)).toEqual(expect.arrayContaining([INTAKE_CORE, LOCK_HOME, ...ZONE_HOMES]));
  });

  it('receives dossiers only through receiveDossier (desk intake and sub-dossiers share it)', () => {
    expect(offenders(intakeCopy, sources)).toEqual([]);
    // The copy the sub-dossier handler used to carry is found.
    const oldCopy = `const code = formatDossierCode(agency.identifier, localDate, await dossiers.nextCodeSequence(agency.id, localDate));
      const countingStartedAt = calendar.countingStart(receivedAt, { cutoff });
      await dossiers.insertDossier({ id, code, lookupSecretHash: hashLookupSecret(deriveLookupSecret(key, id)) });
      await appendDossierEvent(manager, { dossierId: id, type: 'intake-accepted', payload });`;
    expect(
      offenders(intakeCopy, [{ path: 'apps/workflow/src/routing/step-handlers/x.ts', text: oldCopy }]),
    ).toHaveLength(5);
  });

  it('calls both intake paths through the core', () => {
    const callers = sources.filter(({ text }) => /\breceiveDossier\(manager,/.test(text)).map(({ path }) => path);
    expect(callers.sort()).toEqual([
      'apps/workflow/src/routing/step-handlers/sub-dossier.step-handler.ts',
      'libs/application/src/intake/intake.use-case.ts',
    ]);
  });

  it('locks a dossier row only through lockDossierRow / dossierRowLockClause', () => {
    expect(offenders(dossierLockCopy, sources)).toEqual([]);
    const copies = [
      `await manager.query('SELECT id FROM dossier WHERE id = $1 FOR UPDATE', [id]);`,
      'const rows = await manager.query(`SELECT d.id FROM dossier d JOIN agency a ON a.id = d.receiving_agency_id\n WHERE d.id = $1 FOR NO KEY UPDATE OF d`);',
      "const sql = `SELECT id FROM dossier ORDER BY id ${lock ? 'FOR UPDATE OF dossier' : ''}`;",
    ];
    for (const text of copies)
      expect(offenders(dossierLockCopy, [{ path: 'apps/api/src/x.ts', text }])).not.toEqual([]);
    // Other tables' locks are theirs.
    const others = 'await manager.query(`SELECT * FROM dossier_routing WHERE dossier_id = $1 FOR UPDATE`);';
    expect(offenders(dossierLockCopy, [{ path: 'apps/api/src/x.ts', text: others }])).toEqual([]);
  });

  it("names Vietnam's time zone only in its home (SQL through atVietnamTime)", () => {
    expect(offenders(zoneCopy, sources)).toEqual([]);
    for (const text of [
      "`SELECT to_char(received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY')`",
      "`SELECT received_at AT TIME ZONE '+07'`",
      "`SELECT (received_at + interval '7 hours')::date`",
      "{ pattern: '0 1 1 1,7 *', tz: 'Asia/Ho_Chi_Minh' }",
    ])
      expect(offenders(zoneCopy, [{ path: 'libs/persistence/src/x.ts', text }])).toEqual([
        'libs/persistence/src/x.ts: names the zone',
      ]);
  });
});
