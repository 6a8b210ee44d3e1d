import { weakPasswordReason } from './password-policy';
import { oneTimePassword } from '../staff-admin/staff-scope';

describe('weakPasswordReason (NIST SP 800-63B memorized-secret checks)', () => {
  it.each([
    ['short', 'k3#Wq9', /too short/],
    ['a common password', 'password123', /most common passwords/],
    ['a common password with digits and symbols around it', '2024Iloveyou!!', /most common passwords/],
    ['a Vietnamese common password', 'MatKhau2025', /most common passwords/],
    ['one repeated character', 'aaaaaaaaaaaa', /too few different characters|repeats/],
    ['a repeated pattern', 'xy7!Qxy7!Qxy7!Q', /repeats the same characters/],
    ['four equal characters in a row', 'blue-horse-0000-t', /4 or more times in a row/],
    ['a keyboard sequence', 'tree-12345-river', /consecutive characters/],
    ['the username', 'desk.anhoa-2025!', /username/],
    ['part of the username', 'Anhoa-rivers-run', /username/],
  ])('refuses %s with a message that says why', (_label, password, reason) => {
    expect(weakPasswordReason(password, { username: 'desk.anhoa' })).toMatch(reason);
  });

  it('accepts passphrases and random passwords', () => {
    for (const password of ['correct horse battery staple', 'Sông Hồng chảy qua Hà Nội', 'q7#Lm2!vRt9z'])
      expect(weakPasswordReason(password, { username: 'desk.anhoa' })).toBeUndefined();
  });

  it('generates one-time passwords that pass the policy', () => {
    for (let run = 0; run < 200; run++) expect(weakPasswordReason(oneTimePassword())).toBeUndefined();
  });
});
