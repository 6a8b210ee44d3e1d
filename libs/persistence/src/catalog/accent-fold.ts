/**
 * Accent-insensitive matching for Vietnamese text without a Postgres extension: a search term is folded in
 * JavaScript (`foldAccents`), the column in SQL with `lower(translate(column, ACCENTED, PLAIN))`, which holds
 * in any database locale (translate first, so lower() only meets ASCII letters).
 */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

function accentedLetters(): { accented: string; plain: string } {
  let accented = '';
  let plain = '';
  const ranges: Array<[number, number]> = [
    [0x00c0, 0x01b0],
    [0x1ea0, 0x1ef9],
  ];
  for (const [from, to] of ranges) {
    for (let code = from; code <= to; code++) {
      const letter = String.fromCharCode(code);
      const folded = foldAccents(letter);
      if (folded !== letter.toLowerCase() && /^[a-z]$/.test(folded)) {
        accented += letter;
        plain += folded;
      }
    }
  }
  return { accented, plain };
}

export const ACCENT_TRANSLATION = accentedLetters();

/** `lower(translate(<column>, :accented, :plain))` — bind ACCENT_TRANSLATION's two strings. */
export function foldedColumn(column: string): string {
  return `lower(translate(${column}, :accented, :plain))`;
}

/** A LIKE pattern matching `term` anywhere, accents and case ignored, `%`/`_`/`\` taken literally. */
export function containsPattern(term: string): string {
  return `%${foldAccents(term).replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
