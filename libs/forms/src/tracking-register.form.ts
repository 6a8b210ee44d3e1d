import type { FormCommonData } from './form-common';
import { FormDocument } from './form-document';
import { DEFAULT_TIME_ZONE_OFFSET_MINUTES, formatDate, formatDateTime } from './form-format';

/** One dossier in the tracking register (sổ theo dõi hồ sơ). */
export interface TrackingRegisterRow {
  /** Number in the register book (số thứ tự). */
  number: number;
  dossierCode: string;
  /** What the dossier is about: the procedure's name. */
  content: string;
  /** Number of sets (số lượng hồ sơ). */
  count: number;
  applicantName: string;
  address?: string;
  phone?: string;
  receivedAt: Date;
  appointmentAt: Date | null;
  /** When the result was ready (ngày có kết quả), if it was. */
  resultAt?: Date | null;
  /** When it was handed to the applicant (ngày trả kết quả), if it was. */
  returnedAt?: Date | null;
  note?: string;
}

/** Data for form 06, the tracking register of one agency over a period (A4). */
export interface TrackingRegisterFormData extends Omit<FormCommonData, 'dossierCode'> {
  /** Register book (quyển số), e.g. the year. */
  book: string;
  periodFrom: Date;
  /** Last instant of the period (exclusive end minus nothing: printed as a date). */
  periodTo: Date;
  rows: TrackingRegisterRow[];
}

/** Column headers of form 06 (TT 01/2018 Art. 9; columns as provincial systems print them, unverified). */
export const TRACKING_REGISTER_COLUMNS = [
  'STT',
  'Mã hồ sơ',
  'Nội dung (thủ tục)',
  'Số lượng hồ sơ',
  'Tên cá nhân, tổ chức',
  'Địa chỉ, số điện thoại',
  'Ngày nhận',
  'Ngày hẹn trả',
  'Ngày có kết quả',
  'Ngày trả kết quả',
  'Ghi chú',
] as const;

/** The printable cells of a register row (dates in local time), shared by the PDF and the spreadsheet. */
export function trackingRegisterCells(
  row: TrackingRegisterRow,
  offsetMinutes = DEFAULT_TIME_ZONE_OFFSET_MINUTES,
): string[] {
  return [
    String(row.number),
    row.dossierCode,
    row.content,
    String(row.count),
    row.applicantName,
    [row.address, row.phone].filter(Boolean).join('\n'),
    formatDateTime(row.receivedAt, offsetMinutes),
    row.appointmentAt ? formatDateTime(row.appointmentAt, offsetMinutes) : '',
    row.resultAt ? formatDateTime(row.resultAt, offsetMinutes) : '',
    row.returnedAt ? formatDateTime(row.returnedAt, offsetMinutes) : '',
    row.note ?? '',
  ];
}

/** Form 06: the tracking register (sổ theo dõi hồ sơ), A4, one row per dossier. */
export async function renderTrackingRegisterForm(data: TrackingRegisterFormData): Promise<Buffer> {
  const offset = data.timeZoneOffsetMinutes ?? DEFAULT_TIME_ZONE_OFFSET_MINUTES;
  const period = `${formatDate(data.periodFrom, offset)} – ${formatDate(data.periodTo, offset)}`;
  const form = await FormDocument.create(
    'tracking-register',
    { ...data, dossierCode: `Quyển số ${data.book}`, footerReference: `Sổ theo dõi hồ sơ, quyển số ${data.book}` },
    data.issuedAt ?? data.periodTo,
  );
  form.header();
  form.plainTitle([`Quyển số: ${data.book}`, `Từ ngày ${period}`]);
  form.table(
    TRACKING_REGISTER_COLUMNS.map((header, index) => ({
      header,
      weight: [1.1, 3.4, 3.4, 1.3, 2.6, 3, 2.2, 2.2, 2.2, 2.2, 2][index],
      align: index === 0 || index === 3 ? ('center' as const) : undefined,
    })),
    data.rows.map((row) => trackingRegisterCells(row, offset)),
    { fontSize: 6.5 },
  );
  if (data.rows.length === 0) form.paragraph('(Không có hồ sơ trong kỳ)', { font: 'italic', align: 'center' });
  return form.finish();
}
