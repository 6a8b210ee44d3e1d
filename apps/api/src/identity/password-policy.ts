import { COMMON_PASSWORDS } from './common-passwords';

/** NIST SP 800-63B §5.1.1.2: at least 8 characters; we ask for 10 and allow long passphrases. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;

function longestRun(password: string): number {
  let longest = 0;
  let run = 0;
  for (let index = 0; index < password.length; index++) {
    run = index > 0 && password[index] === password[index - 1] ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  return longest;
}

function longestSequence(password: string): number {
  let longest = password.length > 0 ? 1 : 0;
  let up = 1;
  let down = 1;
  for (let index = 1; index < password.length; index++) {
    const step = password.charCodeAt(index) - password.charCodeAt(index - 1);
    up = step === 1 ? up + 1 : 1;
    down = step === -1 ? down + 1 : 1;
    longest = Math.max(longest, up, down);
  }
  return longest;
}

function isPeriodic(password: string): boolean {
  for (let period = 1; period <= password.length / 2; period++) {
    let periodic = true;
    for (let index = period; index < password.length && periodic; index++)
      periodic = password[index] === password[index - period];
    if (periodic) return true;
  }
  return false;
}

/** The password without what people add to a common word to pass naive rules (`Password123!` → `password`). */
function core(password: string): string {
  return password
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/^[^a-z]+|[^a-z]+$/g, '');
}

/**
 * Why a new password is refused, or undefined when it is acceptable. Checks (NIST SP 800-63B §5.1.1.2 "memorized
 * secret verifiers"): length; a list of common and breached passwords (also with digits and symbols stripped from
 * both ends); repetitive and sequential characters; the account's username.
 */
export function weakPasswordReason(password: string, context: { username?: string } = {}): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters (a few words make a good one)`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `The password is too long: at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(core(password)))
    return 'The password is one of the most common passwords: choose one that others do not use';
  if (new Set(lower).size < 5) return 'The password uses too few different characters';
  if (isPeriodic(lower)) return 'The password repeats the same characters over and over (e.g. abcabcabc)';
  if (longestRun(lower) >= 4) return 'The password repeats one character 4 or more times in a row (e.g. aaaa)';
  if (longestSequence(lower) >= 5) return 'The password contains a run of consecutive characters (e.g. 12345 or abcde)';
  const username = context.username?.toLowerCase();
  if (username && username.length >= 3) {
    const parts = [username, ...username.split(/[^a-z0-9]+/).filter((part) => part.length >= 4)];
    if (parts.some((part) => lower.includes(part))) return 'The password must not contain your username';
  }
  return undefined;
}
