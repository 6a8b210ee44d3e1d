import { localWallClock } from '../calendar/vietnam-time';
import { isValidProcedureCode } from '../dossier-code/dossier-code';
import { DossierChannel, isDossierChannel, nationalChannelCode } from '../dossier/dossier-channel';
import { DossierStatus, isDossierStatus, nationalStatusCode } from '../dossier/dossier-status';

/**
 * One dossier status change as the national public-service portal receives it. Status and channel codes are those of
 * DOMAIN.md ("National status and channel codes"); the field names follow provincial integrations with the portal
 * (no official specification was available: unverified, kept in this one file).
 */
export interface NationalStatusPayload {
  /** Unique id of this message: the receiver records each once. */
  MaGiaoDich: string;
  /** Dossier code (TT 01/2018 Art. 19). */
  MaHoSo: string;
  /** National procedure code, e.g. 1.001234. */
  MaTTHC: string;
  /** Receiving agency's electronic identifier (QCVN 102:2016). */
  MaCoQuanTiepNhan: string;
  /** 1 in person, 2 online, 3 postal. */
  KenhThucHien: 1 | 2 | 3;
  /** 1 newly registered … 10 result returned. */
  TrangThaiHoSo: number;
  /** yyyyMMddHHmmss, GMT+7. */
  NgayTiepNhan: string;
  /** yyyyMMddHHmmss, GMT+7, or null when no appointment was given (not accepted). */
  NgayHenTra: string | null;
  /** When the status changed, yyyyMMddHHmmss, GMT+7. */
  NgayCapNhat: string;
  /** Position of the change in the dossier's own history (1, 2, …): the receiver applies them in this order. */
  SoThuTu: number;
}

type FieldRule = { required: boolean; check: (value: unknown) => boolean; expected: string };

const TIMESTAMP = /^\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([01]\d|2[0-3])[0-5]\d[0-5]\d$/;
const text = (max: number) => (value: unknown) => typeof value === 'string' && value.length > 0 && value.length <= max;
const timestamp = (value: unknown) => typeof value === 'string' && TIMESTAMP.test(value);

/** The field list every payload is validated against (before sending, and by the sandbox receiver). */
export const NATIONAL_STATUS_FIELDS: Readonly<Record<keyof NationalStatusPayload, FieldRule>> = {
  MaGiaoDich: { required: true, check: text(64), expected: 'a non-empty string (≤ 64)' },
  MaHoSo: { required: true, check: text(40), expected: 'the dossier code (≤ 40)' },
  MaTTHC: {
    required: true,
    // The catalog's own rule (a procedure the catalog accepts is one the portal message carries): `1.001234`, with an
    // optional portal/province suffix such as `.000.00.00.H62`.
    check: (v) => typeof v === 'string' && isValidProcedureCode(v),
    expected: 'a procedure code like 1.001234 or 1.001234.000.00.00.H62',
  },
  MaCoQuanTiepNhan: { required: true, check: text(40), expected: 'the agency identifier (≤ 40)' },
  KenhThucHien: { required: true, check: (v) => v === 1 || v === 2 || v === 3, expected: '1, 2 or 3' },
  TrangThaiHoSo: {
    required: true,
    check: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 10,
    expected: 'an integer 1–10',
  },
  NgayTiepNhan: { required: true, check: timestamp, expected: 'yyyyMMddHHmmss' },
  NgayHenTra: { required: false, check: (v) => v === null || timestamp(v), expected: 'yyyyMMddHHmmss or null' },
  NgayCapNhat: { required: true, check: timestamp, expected: 'yyyyMMddHHmmss' },
  SoThuTu: { required: true, check: (v) => Number.isInteger(v) && (v as number) >= 1, expected: 'a positive integer' },
};

/** Problems of a payload against the field list (empty when valid); unknown fields are problems too. */
export function validateNationalStatusPayload(payload: unknown): string[] {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return ['payload must be an object'];
  const record = payload as Record<string, unknown>;
  const problems: string[] = [];
  for (const [field, rule] of Object.entries(NATIONAL_STATUS_FIELDS)) {
    if (!(field in record) || record[field] === undefined) {
      if (rule.required) problems.push(`${field} is required`);
      continue;
    }
    if (!rule.check(record[field])) problems.push(`${field} must be ${rule.expected}`);
  }
  for (const field of Object.keys(record)) {
    if (!(field in NATIONAL_STATUS_FIELDS)) problems.push(`${field} is not a field of the national status message`);
  }
  return problems;
}

/** yyyyMMddHHmmss in GMT+7 (as the portal and VNPay expect). */
export function nationalTimestamp(instant: Date): string {
  const local = localWallClock(instant);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${local.getUTCFullYear()}${two(local.getUTCMonth() + 1)}${two(local.getUTCDate())}${two(
    local.getUTCHours(),
  )}${two(local.getUTCMinutes())}${two(local.getUTCSeconds())}`;
}

/** The dossier's status right after an event, when the event says it (intake and routing events carry it). */
export function statusAfterEvent(event: { type: string; payload: Record<string, unknown> }): DossierStatus | null {
  const status = event.payload.status;
  return isDossierStatus(status) ? status : null;
}

export interface NationalStatusInput {
  messageId: string;
  dossierCode: string;
  procedureCode: string;
  agencyIdentifier: string;
  channel: DossierChannel;
  status: DossierStatus;
  receivedAt: Date;
  appointmentAt: Date | null;
  changedAt: Date;
  sequence: number;
}

/** Maps one status change to the national message (codes from DOMAIN.md); throws when the result is invalid. */
export function mapNationalStatusPayload(input: NationalStatusInput): NationalStatusPayload {
  if (!isDossierChannel(input.channel)) throw new Error(`unknown dossier channel ${String(input.channel)}`);
  const payload: NationalStatusPayload = {
    MaGiaoDich: input.messageId,
    MaHoSo: input.dossierCode,
    MaTTHC: input.procedureCode,
    MaCoQuanTiepNhan: input.agencyIdentifier,
    KenhThucHien: nationalChannelCode(input.channel),
    TrangThaiHoSo: nationalStatusCode(input.status),
    NgayTiepNhan: nationalTimestamp(input.receivedAt),
    NgayHenTra: input.appointmentAt ? nationalTimestamp(input.appointmentAt) : null,
    NgayCapNhat: nationalTimestamp(input.changedAt),
    SoThuTu: input.sequence,
  };
  const problems = validateNationalStatusPayload(payload);
  if (problems.length > 0) throw new Error(`invalid national status payload: ${problems.join('; ')}`);
  return payload;
}
