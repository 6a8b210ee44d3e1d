import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Passwords that people in Vietnam and this service would pick first; the breach-derived list below is mostly
 * English-speaking. Compared lower-case and without diacritics.
 */
const LOCAL_COMMON = [
  'matkhau',
  'matkhau123',
  'motcua',
  'motcuaa',
  'quantri',
  'quantrivien',
  'admin',
  'administrator',
  'vietnam',
  'hanoi',
  'saigon',
  'hochiminh',
  'anhyeuem',
  'emyeuanh',
  'yeuem',
  'iloveyou',
  'conmeo',
  'ubnd',
  'ubndxa',
  'ubndhuyen',
  'dichvucong',
  'hanhchinh',
  'hanhchinhcong',
  'canbo',
  'congchuc',
];

/**
 * About 49,000 most common passwords from breaches (the zxcvbn "passwords" frequency list, MIT), plus LOCAL_COMMON.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  [...(dictionary.passwords as string[]), ...LOCAL_COMMON].map((password) => password.toLowerCase()),
);
