import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined members, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, undefined, 1], c: undefined } })).toBe('{"a":{"d":[3,null,1]},"b":1}');
  });

  it('writes Dates as ISO strings and scalars as JSON', () => {
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05Z') })).toBe('{"at":"2026-01-02T03:04:05.000Z"}');
    expect([canonicalJson(null), canonicalJson(undefined), canonicalJson('x'), canonicalJson(2)]).toEqual([
      'null',
      'null',
      '"x"',
      '2',
    ]);
  });

  it('gives equal text for equal data whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: [{ q: 1, p: 2 }] })).toBe(canonicalJson({ y: [{ p: 2, q: 1 }], x: 1 }));
  });
});
