/**
 * What production refuses in a secret: development defaults, placeholders and values that are too short or too
 * regular to resist guessing. A forged admin token needs nothing but JWT_SECRET, so a shipped placeholder is
 * as good as no secret at all.
 */

/** Development defaults of the secrets: production refuses them. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-change-me-0123456789';
export const DEVELOPMENT_LOOKUP_SECRET_KEY = 'development-only-lookup-key-change-me-0123456789';

/** Words that mark a value as a placeholder or a development value, never a generated secret. */
const PLACEHOLDER_WORDS = [
  'change-me',
  'changeme',
  'change_me',
  'replace-me',
  'replaceme',
  'placeholder',
  'development',
  'dev-only',
  'example',
  'default',
  'insecure',
  'not-secret',
  'secret',
  'password',
  'motcua',
  'todo',
];

/**
 * Below this length a word can turn up in a random base64url secret by chance ("todo" did, once in a few hundred
 * generated keys), so it counts only as a separate word: at the start or end, or between non-alphanumerics.
 */
const SHORT_WORD = 5;

/** The placeholder word the value contains, if any. */
export function placeholderWord(value: string): string | undefined {
  const lower = value.toLowerCase();
  return PLACEHOLDER_WORDS.find((placeholder) =>
    placeholder.length > SHORT_WORD ? lower.includes(placeholder) : containsAsWord(lower, placeholder),
  );
}

function containsAsWord(value: string, word: string): boolean {
  const separated = (index: number) => index < 0 || index >= value.length || !/[a-z0-9]/.test(value[index]);
  for (let at = value.indexOf(word); at >= 0; at = value.indexOf(word, at + 1))
    if (separated(at - 1) && separated(at + word.length)) return true;
  return false;
}

/** A production secret must be at least this long (64 hex digits or 43 base64url characters of 256 bits pass). */
export const MIN_PRODUCTION_SECRET_LENGTH = 32;
/** Empirical Shannon entropy of the whole value, in bits; 32 random hex digits give about 120. */
const MIN_ENTROPY_BITS = 100;
const MIN_DISTINCT_CHARACTERS = 10;

/** Empirical entropy: length × Shannon entropy of the value's own character frequencies. */
export function entropyBits(value: string): number {
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  const length = [...value].length;
  let bitsPerCharacter = 0;
  for (const count of counts.values()) bitsPerCharacter -= (count / length) * Math.log2(count / length);
  return bitsPerCharacter * length;
}

/** True when the value is a shorter string repeated (`abcabcabc…`), whatever its character mix. */
function isPeriodic(value: string): boolean {
  for (let period = 1; period <= value.length / 2; period++) {
    let periodic = true;
    for (let index = period; index < value.length && periodic; index++)
      periodic = value[index] === value[index - period];
    if (periodic) return true;
  }
  return false;
}

/** Longest run of consecutive characters each one code point above (or below) the previous (`0123…`, `zyx…`). */
function longestSequence(value: string): number {
  let longest = 1;
  let up = 1;
  let down = 1;
  for (let index = 1; index < value.length; index++) {
    const step = value.charCodeAt(index) - value.charCodeAt(index - 1);
    up = step === 1 ? up + 1 : 1;
    down = step === -1 ? down + 1 : 1;
    longest = Math.max(longest, up, down);
  }
  return longest;
}

/**
 * Why this value may not be a production secret, or undefined when it may. `knownValues` are the development
 * defaults (refused outright, whatever they look like).
 */
export function weakSecretReason(value: string, knownValues: readonly string[] = []): string | undefined {
  if (knownValues.includes(value)) return 'is the development default';
  const word = placeholderWord(value);
  if (word) return `looks like a placeholder (contains "${word}"): generate one, e.g. \`npm run compose:env\``;
  if (value.length < MIN_PRODUCTION_SECRET_LENGTH)
    return `is too short (${value.length} characters, at least ${MIN_PRODUCTION_SECRET_LENGTH})`;
  if (isPeriodic(value)) return 'is a repeated pattern';
  if (longestSequence(value) >= 8) return 'contains a run of consecutive characters (e.g. 01234567 or abcdefgh)';
  if (new Set(value).size < MIN_DISTINCT_CHARACTERS || entropyBits(value) < MIN_ENTROPY_BITS)
    return `has too little entropy (${Math.round(entropyBits(value))} bits, at least ${MIN_ENTROPY_BITS}): use random bytes`;
  return undefined;
}

/** Password part of a connection URL, if any (`postgres://user:password@host/db`). */
export function urlPassword(url: string): string | undefined {
  try {
    const password = new URL(url).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}

/** Why this database URL may not be used in production (development or placeholder password), if it may not. */
export function weakDatabaseUrlReason(url: string): string | undefined {
  const password = urlPassword(url);
  if (password === undefined) return undefined;
  const word = placeholderWord(password);
  if (word) return `its password is a development value or placeholder (contains "${word}")`;
  if (password.length < 12) return `its password is too short (${password.length} characters, at least 12)`;
  return undefined;
}

const DEVELOPMENT_SECRETS = [DEVELOPMENT_JWT_SECRET, DEVELOPMENT_LOOKUP_SECRET_KEY];

/** What NODE_ENV=production adds: explicit settings, and no development default or placeholder secret. */
export function productionProblems(raw: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const name of ['JWT_SECRET', 'LOOKUP_SECRET_KEY'] as const) {
    if (!raw[name]) problems.push(`${name}: must be set explicitly when NODE_ENV=production`);
    else {
      const reason = weakSecretReason(raw[name], DEVELOPMENT_SECRETS);
      if (reason) problems.push(`${name}: ${reason} (refused when NODE_ENV=production)`);
    }
  }
  if (raw.JWT_SECRET && raw.JWT_SECRET === raw.LOOKUP_SECRET_KEY)
    problems.push('LOOKUP_SECRET_KEY: must differ from JWT_SECRET');
  if (!raw.DATABASE_URL) problems.push('DATABASE_URL: must be set explicitly when NODE_ENV=production');
  else {
    const reason = weakDatabaseUrlReason(raw.DATABASE_URL);
    if (reason) problems.push(`DATABASE_URL: ${reason} (refused when NODE_ENV=production)`);
  }
  if (!raw.REDIS_URL && !raw.REDIS_CLUSTER_NODES)
    problems.push('REDIS_URL (or REDIS_CLUSTER_NODES): must be set explicitly when NODE_ENV=production');
  return problems;
}
