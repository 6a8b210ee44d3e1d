import { DomainError } from '../errors/domain-error';

/** Parts of a dossier code `<agency identifier>-<YYMMDD>-<NNNN>` (TT 01/2018/TT-VPCP Art. 19). */
export interface DossierCodeParts {
  agencyIdentifier: string;
  /** Reception date, local `YYYY-MM-DD` (the code carries a 2-digit year, read as 20YY). */
  localDate: string;
  sequence: number;
}

// QCVN 102:2016/BTTTT agency identifier `V1V2V3.Z1Z2.Y1Y2.MX1X2` (e.g. 000.00.12.H62); shorter ministry-style
// forms such as G22.23 or H62 also circulate, so accept 1–4 dot-separated segments of 2–3 upper-case
// letters/digits, where a single segment must look like `MX1X2` (a letter and two digits).
const AGENCY_IDENTIFIER = /^(?:[A-Z]\d{2}|[A-Z0-9]{2,3}(?:\.[A-Z0-9]{2,3}){1,3})$/;
// National procedure code `1.001234`, optionally followed by a portal/province suffix like `.000.00.00.H62`.
const PROCEDURE_CODE = /^\d\.\d{6}(?:\.[A-Z0-9]{2,3}){0,4}$/;
const DOSSIER_CODE = /^(.+)-(\d{2})(\d{2})(\d{2})-(\d{4,})$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a plausible QCVN 102:2016 agency electronic identifier (permissive, rejects garbage). */
export function isValidAgencyIdentifier(value: string): boolean {
  return typeof value === 'string' && AGENCY_IDENTIFIER.test(value);
}

/** True for a national procedure code such as `1.001234` or `1.001234.000.00.00.H62`. */
export function isValidProcedureCode(value: string): boolean {
  return typeof value === 'string' && PROCEDURE_CODE.test(value);
}

function invalid(code: string, message: string, details: Record<string, unknown>): DomainError {
  return new DomainError(code, message, 'invalid', details);
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Formats a dossier code, e.g. `formatDossierCode('000.00.12.H62', '2020-11-05', 4)` → `000.00.12.H62-201105-0004`.
 * The sequence is zero-padded to 4 digits and simply widens past 9999.
 */
export function formatDossierCode(agencyIdentifier: string, localDate: string, sequence: number): string {
  const prefix = dossierCodePrefix(agencyIdentifier, localDate);
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw invalid('dossier-code.invalid-sequence', `Invalid sequence ${sequence}`, { sequence });
  }
  return `${prefix}${String(sequence).padStart(4, '0')}`;
}

/**
 * The part of a dossier code before its sequence, e.g. `000.00.12.H62-201105-` (validated as `formatDossierCode`
 * validates): intake sets the code in the counter's own statement from it (`assignCodeFromCounter`).
 */
export function dossierCodePrefix(agencyIdentifier: string, localDate: string): string {
  if (!isValidAgencyIdentifier(agencyIdentifier)) {
    throw invalid('dossier-code.invalid-agency-identifier', `Invalid agency identifier "${agencyIdentifier}"`, {
      agencyIdentifier,
    });
  }
  const match = LOCAL_DATE.exec(localDate);
  if (!match || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw invalid('dossier-code.invalid-date', `Invalid reception date "${localDate}"`, { localDate });
  }
  return `${agencyIdentifier}-${match[1].slice(2)}${match[2]}${match[3]}-`;
}

/** Parses a dossier code, or returns null if it is not one. */
export function tryParseDossierCode(code: string): DossierCodeParts | null {
  if (typeof code !== 'string') return null;
  const match = DOSSIER_CODE.exec(code.trim());
  if (!match) return null;
  const [, agencyIdentifier, yy, mm, dd, digits] = match;
  const year = 2000 + Number(yy);
  const sequence = Number(digits);
  if (!isValidAgencyIdentifier(agencyIdentifier)) return null;
  if (!isRealDate(year, Number(mm), Number(dd))) return null;
  if (!Number.isSafeInteger(sequence) || sequence < 1) return null;
  // Widened sequences never carry leading zeros beyond the 4-digit padding.
  if (digits.length > 4 && digits.startsWith('0')) return null;
  return { agencyIdentifier, localDate: `${year}-${mm}-${dd}`, sequence };
}

/** Parses a dossier code; throws a DomainError (kind 'invalid', code 'dossier-code.invalid') otherwise. */
export function parseDossierCode(code: string): DossierCodeParts {
  const parts = tryParseDossierCode(code);
  if (!parts) throw invalid('dossier-code.invalid', `Invalid dossier code "${code}"`, { code });
  return parts;
}
