import { randomBytes } from 'node:crypto';
import { ConfigValidationError, loadConfig } from './motcua-config';
import { DEVELOPMENT_JWT_SECRET, DEVELOPMENT_LOOKUP_SECRET_KEY, weakSecretReason } from './production-safety';

const production = () => ({
  NODE_ENV: 'production',
  DATABASE_URL: `postgres://motcua:${randomBytes(16).toString('hex')}@db:5432/motcua`,
  REDIS_URL: 'redis://redis:6379',
  JWT_SECRET: randomBytes(32).toString('hex'),
  LOOKUP_SECRET_KEY: randomBytes(32).toString('base64url'),
  DOWNLOAD_LINK_SECRET: randomBytes(32).toString('hex'),
  POSTAL_WEBHOOK_SECRET: randomBytes(32).toString('hex'),
});

function problemsOf(environment: Record<string, string>): string[] {
  try {
    loadConfig(environment);
    return [];
  } catch (error) {
    return (error as ConfigValidationError).problems;
  }
}

describe('production refuses forgeable secrets', () => {
  it('accepts random secrets (hex and base64url) and a random database password', () => {
    for (let run = 0; run < 200; run++) expect(problemsOf(production())).toEqual([]);
  });

  it('a short placeholder word counts only as a separate word, not inside random characters', () => {
    expect(weakSecretReason('Zk3TODOq8vN1xWm5pR7tY2bC9dF4gH6jK0lLs')).toBeUndefined();
    expect(weakSecretReason('todo-put-a-long-random-value-here-later-on')).toMatch(/placeholder .*todo/);
    expect(weakSecretReason('a-long-random-value-here-later-on-TODO')).toMatch(/placeholder .*todo/);
  });

  it.each([
    ['the development default', DEVELOPMENT_JWT_SECRET, /development default/],
    ['a change-me placeholder', 'change-me-to-a-long-random-secret-of-32-chars-or-more', /placeholder/],
    ['a secret named secret', 'my-super-SECRET-value-nobody-will-ever-guess', /placeholder/],
    ['a short value', 'f3a9c1e07b', /too short/],
    ['a repeated pattern', 'k9Xq'.repeat(10), /repeated pattern/],
    ['one repeated character', 'x'.repeat(48), /repeated pattern/],
    ['a keyboard sequence', 'Zq0123456789abcdefghijklmnopqrstuv', /consecutive characters/],
    ['too little entropy', 'aabbaabbababbbaaabababbabbbaabababaabbbabab', /entropy/],
  ])('refuses %s as JWT_SECRET and LOOKUP_SECRET_KEY', (_label, value, reason) => {
    for (const name of ['JWT_SECRET', 'LOOKUP_SECRET_KEY']) {
      const problems = problemsOf({ ...production(), [name]: value });
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.every((problem) => problem.startsWith(name))).toBe(true);
      expect(problems.some((problem) => reason.test(problem))).toBe(true);
    }
  });

  it('refuses the lookup key default and a lookup key equal to the token secret', () => {
    expect(weakSecretReason(DEVELOPMENT_LOOKUP_SECRET_KEY, [DEVELOPMENT_LOOKUP_SECRET_KEY])).toMatch(/default/);
    const environment = production();
    expect(problemsOf({ ...environment, LOOKUP_SECRET_KEY: environment.JWT_SECRET })).toEqual([
      'LOOKUP_SECRET_KEY: must differ from JWT_SECRET',
    ]);
  });

  it('refuses the development database password and placeholders in DATABASE_URL', () => {
    for (const url of [
      'postgres://motcua:motcua@db:5432/motcua',
      'postgres://app:change-me-please@db:5432/motcua',
      'postgres://app:short@db:5432/motcua',
    ])
      expect(problemsOf({ ...production(), DATABASE_URL: url })).toEqual([
        expect.stringMatching(/^DATABASE_URL: its password is/),
      ]);
  });

  it('leaves development and test alone (their defaults are meant to work out of the box)', () => {
    expect(problemsOf({})).toEqual([]);
    expect(problemsOf({ NODE_ENV: 'test', JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toEqual([]);
  });
});
