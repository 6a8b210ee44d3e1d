import {
  dossierCodePrefix,
  formatDossierCode,
  isValidAgencyIdentifier,
  isValidProcedureCode,
  parseDossierCode,
  tryParseDossierCode,
} from './dossier-code';

describe('dossier code (TT 01/2018 Art. 19)', () => {
  it('formats the TT 01/2018 example', () => {
    expect(formatDossierCode('000.00.12.H62', '2020-11-05', 4)).toBe('000.00.12.H62-201105-0004');
  });

  it('widens sequences beyond 9999', () => {
    expect(formatDossierCode('000.00.12.H62', '2025-01-02', 9999)).toBe('000.00.12.H62-250102-9999');
    expect(formatDossierCode('000.00.12.H62', '2025-01-02', 12345)).toBe('000.00.12.H62-250102-12345');
    expect(parseDossierCode('000.00.12.H62-250102-12345').sequence).toBe(12345);
  });

  it('rejects bad inputs with typed errors', () => {
    expect(() => formatDossierCode('bad id', '2025-01-02', 1)).toThrow(
      expect.objectContaining({ code: 'dossier-code.invalid-agency-identifier', kind: 'invalid' }),
    );
    expect(() => formatDossierCode('000.00.12.H62', '2025-02-30', 1)).toThrow(
      expect.objectContaining({ code: 'dossier-code.invalid-date' }),
    );
    expect(() => formatDossierCode('000.00.12.H62', '2025-02-03', 0)).toThrow(
      expect.objectContaining({ code: 'dossier-code.invalid-sequence' }),
    );
    expect(() => formatDossierCode('000.00.12.H62', '2025-02-03', 1.5)).toThrow(
      expect.objectContaining({ code: 'dossier-code.invalid-sequence' }),
    );
  });

  it('parses and round-trips', () => {
    expect(parseDossierCode('000.00.12.H62-201105-0004')).toEqual({
      agencyIdentifier: '000.00.12.H62',
      localDate: '2020-11-05',
      sequence: 4,
    });
    expect(parseDossierCode('G22.23-250701-0100')).toEqual({
      agencyIdentifier: 'G22.23',
      localDate: '2025-07-01',
      sequence: 100,
    });
    const code = formatDossierCode('000.20.35.H62', '2026-02-28', 77);
    const parts = parseDossierCode(code);
    expect(formatDossierCode(parts.agencyIdentifier, parts.localDate, parts.sequence)).toBe(code);
  });

  it.each([
    '',
    'abc',
    '000.00.12.H62-2011050004',
    '000.00.12.H62-201305-0004',
    '000.00.12.H62-201105-004',
    'x-201105-0004',
    '000.00.12.H62-201105-0000',
    '000.00.12.H62-201105-012345',
  ])('rejects %p', (code) => {
    expect(tryParseDossierCode(code)).toBeNull();
    expect(() => parseDossierCode(code)).toThrow(expect.objectContaining({ code: 'dossier-code.invalid' }));
  });
});

describe('identifier validation', () => {
  it.each(['000.00.12.H62', '000.00.00.H62', '000.00.00.G22', 'G22.23', 'H62', '000.20.35.H62'])(
    'accepts agency identifier %p',
    (value) => expect(isValidAgencyIdentifier(value)).toBe(true),
  );

  it.each([
    '',
    'H',
    '62',
    'abc',
    'h62',
    '000..12.H62',
    '000.00.12.H62.',
    '0000.00.12.H62',
    '000.00.12.H62.11.22',
    'A B.12',
    '000-00-12-H62',
  ])('rejects agency identifier %p', (value) => expect(isValidAgencyIdentifier(value)).toBe(false));

  it.each(['1.001234', '2.000123', '1.001234.000.00.00.H62'])('accepts procedure code %p', (value) =>
    expect(isValidProcedureCode(value)).toBe(true),
  );

  it.each(['', '1001234', '1.00123', '1.0012345', 'A.001234', '1.001234.', '1.001234.h62', '1.001234 '])(
    'rejects procedure code %p',
    (value) => expect(isValidProcedureCode(value)).toBe(false),
  );

  it('gives the code before its sequence, validated as formatDossierCode validates (intake pads the sequence in SQL)', () => {
    expect(dossierCodePrefix('000.00.12.H62', '2020-11-05')).toBe('000.00.12.H62-201105-');
    expect(formatDossierCode('000.00.12.H62', '2020-11-05', 12345)).toBe('000.00.12.H62-201105-12345');
    expect(() => dossierCodePrefix('h62', '2020-11-05')).toThrow('Invalid agency identifier');
    expect(() => dossierCodePrefix('000.00.12.H62', '2020-02-30')).toThrow('Invalid reception date');
  });
});
