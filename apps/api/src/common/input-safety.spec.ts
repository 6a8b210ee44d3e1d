import { findUnsafeInput, MAX_INPUT_DEPTH } from './input-safety';

const nested = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let level = 0; level < levels; level++) value = { a: value };
  return value;
};

describe('findUnsafeInput', () => {
  it('accepts ordinary input, incl. Vietnamese text and paired surrogates (emoji)', () => {
    expect(findUnsafeInput({ name: 'Nguyễn Văn An 😀', items: [1, 2, { ok: true }], none: null })).toBeUndefined();
    expect(findUnsafeInput(nested(MAX_INPUT_DEPTH - 1))).toBeUndefined();
  });

  it('refuses JSON nested deeper than the limit without overflowing itself (2,000 and 200,000 levels)', () => {
    expect(findUnsafeInput(nested(MAX_INPUT_DEPTH + 1))).toMatch(/nested deeper than/);
    expect(findUnsafeInput(JSON.parse('['.repeat(2000) + ']'.repeat(2000)))).toMatch(/nested deeper than/);
    expect(findUnsafeInput(nested(200_000))).toMatch(/nested deeper than/);
  });

  it('refuses NUL in values and keys, and names where', () => {
    expect(findUnsafeInput({ applicant: { name: 'a\u0000b' } })).toBe(
      '$.applicant.name contains a NUL character (\\u0000)',
    );
    expect(findUnsafeInput({ ['k\u0000']: 1 })).toMatch(/a key in \$ contains a NUL/);
    expect(findUnsafeInput(['x', 'y\u0000'], 'query')).toMatch(/^query\.1 contains a NUL/);
  });

  it('refuses lone surrogates (high without low, low without high)', () => {
    expect(findUnsafeInput({ a: '\uD800' })).toMatch(/unpaired UTF-16 surrogate/);
    expect(findUnsafeInput({ a: 'x\uDC00y' })).toMatch(/unpaired UTF-16 surrogate/);
    expect(findUnsafeInput({ a: '\uD83D\uDE00' })).toBeUndefined();
  });

  it('refuses a __proto__ key (as JSON.parse creates it) and non-finite numbers (1e999)', () => {
    expect(findUnsafeInput(JSON.parse('{"a":{"__proto__":{"admin":true}}}'))).toBe(
      '$.a has the forbidden key "__proto__"',
    );
    expect(findUnsafeInput(JSON.parse('{"version":1e999}'))).toBe('$.version is not a finite number');
  });

  it('refuses more values than any route needs (a 100,000-element array)', () => {
    expect(findUnsafeInput(JSON.parse('[' + '1,'.repeat(100_000) + '1]'), 'body')).toBe(
      'body holds more than 10000 values',
    );
    expect(findUnsafeInput(Array.from({ length: 9_000 }, () => 1))).toBeUndefined();
  });
});
