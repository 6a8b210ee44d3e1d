import fc from 'fast-check';
import type { OpenAPIObject } from '@nestjs/swagger';
import { resolve, Schema } from './openapi-routes';

/** Real objects the fuzzer may name, so some requests get past "not found" into deeper code. */
export interface FuzzPool {
  ids: string[];
  codes: string[];
}

/** Strings that broke or could break an edge: NUL, lone surrogates, bad dates and ids, injection, huge. */
const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00y',
  '\uFFFF',
  '😀',
  'Nguyễn Văn An',
  '20261126',
  '2026-02-30',
  '2026-11-26T25:00:00Z',
  '0000-01-01',
  '9999-12-31T23:59:59Z',
  '2026-11-26T08:00:00',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  "'; DROP TABLE dossier; --",
  '%00',
  '../../etc/passwd',
  '1e21',
  '-1',
  'NaN',
  'true',
  '[]',
  '{}',
  'x'.repeat(70_000),
];
const EDGE_NUMBERS = [0, -1, 1, 1e-7, 5e-324, 1.5, 1e21, -1e21, 2_147_483_648, 2 ** 53 + 2, -0, 3650.001];

/** A value of the wrong kind, huge, deep or otherwise hostile. */
export function edgeValue(): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    fc.constantFrom(...EDGE_STRINGS),
    fc.constantFrom(...EDGE_NUMBERS),
    fc.constantFrom(null, true, false),
    fc.string16bits({ maxLength: 20 }),
    fc.fullUnicodeString({ maxLength: 20 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
  );
  return fc.oneof(
    { weight: 6, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(leaf, { maxLength: 5 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 60 }).map((depth) => nest(depth, 'deep')) },
    { weight: 1, arbitrary: fc.integer({ min: 101, max: 300 }).map((length) => Array.from({ length }, () => 'x')) },
    { weight: 1, arbitrary: hostileObject() },
  );
}

function nest(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level++) value = level % 2 ? [value] : { a: value };
  return value;
}

/** An object with keys that reach prototypes or shadow methods (own properties, as JSON.parse makes them). */
function hostileObject(): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'x'), fc.integer())
    .map(([key, value]) => JSON.parse(JSON.stringify({ [`${key}`]: value }).replace(/^\{"[^"]*"/, `{"${key}"`)));
}

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const date = fc
  .record({
    year: fc.integer({ min: 2025, max: 2027 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);

/** A value the schema accepts (as far as the document says), using real ids from the pool. */
export function validValue(
  document: OpenAPIObject,
  pool: FuzzPool,
  raw: Schema | undefined,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  const schema = resolve(document, raw);
  if (depth > 6) return fc.constant(null);
  if (schema.enum?.length) return pick(schema.enum);
  if (schema.example !== undefined && schema.type !== 'object')
    return fc.oneof(fc.constant(schema.example), fc.constant(schema.example));
  switch (schema.type) {
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? 0;
      return fc.integer({ min, max: Math.min(schema.maximum ?? min + 10, min + 10) });
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(document, pool, schema.items, name, depth + 1), { minLength: 1, maxLength: 3 });
    case 'object':
    case undefined:
      if (!schema.properties) return schema.type === 'object' ? fc.constant({}) : fc.constant('ok');
      return fc.record(
        Object.fromEntries(
          Object.entries(schema.properties).map(([key, property]) => [
            key,
            validValue(document, pool, property, key, depth + 1),
          ]),
        ),
        { requiredKeys: schema.required ?? [] },
      );
    case 'string':
    default:
      if (schema.format === 'uuid' || /id$/i.test(name)) return fc.oneof(pick(pool.ids), fc.uuid());
      if (schema.format === 'date' || name === 'date' || name === 'from' || name === 'to') return date;
      if (schema.format === 'date-time' || /At$|Before$|From$|To$/.test(name))
        return date.map((day) => `${day}T08:00:00+07:00`);
      if (name === 'code' && pool.codes.length) return pick(pool.codes);
      return fc.oneof(fc.constant('Hồ sơ thử'), fc.string({ minLength: 1, maxLength: 12 }));
  }
}

type Mutation = { kind: 'replace' | 'delete' | 'null' | 'extra'; at: number; value: unknown };

/** Paths to every value inside a JSON value (objects and arrays), the root included. */
function pathsOf(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  out.push(prefix);
  if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value))
      pathsOf(child, [...prefix, Array.isArray(value) ? Number(key) : key], out);
  return out;
}

/** Applies mutations to a (deep-copied) valid value: replace a value, delete or null a field, add a key. */
export function mutate(value: unknown, mutations: Mutation[]): unknown {
  let result: unknown = JSON.parse(JSON.stringify(value ?? null));
  for (const mutation of mutations) {
    const paths = pathsOf(result);
    const path = paths[mutation.at % paths.length];
    if (path.length === 0) {
      if (mutation.kind === 'replace') result = mutation.value;
      else if (mutation.kind === 'null') result = null;
      else if (mutation.kind === 'extra' && result && typeof result === 'object')
        Object.defineProperty(result, '__proto__', {
          value: mutation.value,
          enumerable: true,
          configurable: true,
          writable: true,
        });
      continue;
    }
    const parent = path.slice(0, -1).reduce<any>((node, key) => node?.[key], result);
    const key = path[path.length - 1];
    if (!parent || typeof parent !== 'object') continue;
    if (mutation.kind === 'delete') delete parent[key];
    else if (mutation.kind === 'null') parent[key] = null;
    else if (mutation.kind === 'replace') parent[key] = mutation.value;
    else
      Object.defineProperty(parent, `extra${mutation.at % 3}`, {
        value: mutation.value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
  }
  return result;
}

export const mutations = (): fc.Arbitrary<Mutation[]> =>
  fc.array(
    fc.record({
      kind: fc.constantFrom('replace', 'delete', 'null', 'extra') as fc.Arbitrary<Mutation['kind']>,
      at: fc.nat(),
      value: edgeValue(),
    }),
    { maxLength: 3 },
  );
