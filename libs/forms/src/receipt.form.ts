import type { FormApplicant, FormCommonData, FormProcedure, FormSignatory } from './form-common';
import { BLANK, FormDocument } from './form-document';
import { formatDateTime } from './form-format';

/** How a submitted document is presented (bản chính / bản sao chứng thực / bản sao). */
export type ReceiptDocumentForm = 'original' | 'certified-copy' | 'copy';

const DOCUMENT_FORM_LABELS: Record<ReceiptDocumentForm, string> = {
  original: 'Bản chính',
  'certified-copy': 'Bản sao chứng thực',
  copy: 'Bản sao',
};

export interface ReceiptDocument {
  name: string;
  form: ReceiptDocumentForm;
  count: number;
}

/** Legal processing time, e.g. `{ amount: 10, unit: 'working-day' }`, or free text. */
export type LegalProcessingTime = { amount: number; unit: 'working-day' | 'working-hour' | 'day' } | string;

/** Data for form 01, receipt and appointment (giấy tiếp nhận hồ sơ và hẹn trả kết quả). */
export interface ReceiptFormData extends FormCommonData {
  applicant: FormApplicant;
  procedure: FormProcedure;
  documents: ReceiptDocument[];
  /** Number of dossier sets submitted (bộ). */
  numberOfSets: number;
  legalProcessingTime: LegalProcessingTime;
  receivedAt: Date;
  appointmentAt: Date;
  /** Where the result will be collected, e.g. the desk, by post to an address, or online. */
  resultCollectionPlace: string;
  /** Tracking register (sổ theo dõi hồ sơ): book and sequence number. */
  register?: { book?: string; number?: string | number };
  /** Which copy this is, e.g. `Lưu` or `Giao người nộp hồ sơ`; printed as `(Liên: ...)`. */
  copyLabel?: string;
  /** Secret the citizen uses with the dossier code to look the dossier up; printed as `Mã tra cứu`. */
  lookupSecret?: string;
  /** Officer who received the dossier. */
  receivingOfficer?: FormSignatory;
}

/** The legal processing time as printed (Vietnamese decimal comma). */
export function legalProcessingTimeText(time: LegalProcessingTime): string {
  if (typeof time === 'string') return time;
  const unit = { 'working-day': 'ngày làm việc', 'working-hour': 'giờ làm việc', day: 'ngày' }[time.unit];
  // Vietnamese decimal comma: 0,5 ngày làm việc.
  return `${String(time.amount).replace('.', ',')} ${unit}`;
}

/** Form 01: receipt and appointment, A5. */
export async function renderReceiptForm(data: ReceiptFormData): Promise<Buffer> {
  const form = await FormDocument.create('receipt', data, data.receivedAt);
  const offset = form.offsetMinutes;
  form.header();
  await form.titleBlock(data.copyLabel ? [`(Liên: ${data.copyLabel})`] : []);

  form.paragraph(`${data.agencyName} tiếp nhận hồ sơ của:`);
  form.field('Ông/Bà', data.applicant.name);
  form.field('Địa chỉ', data.applicant.address);
  form.fields([
    ['Số điện thoại', data.applicant.phone],
    ['Email', data.applicant.email],
  ]);
  form.field('Nội dung yêu cầu giải quyết', data.procedure.name);
  if (data.procedure.code) form.field('Mã thủ tục', data.procedure.code);
  form.space();

  form.paragraph('1. Thành phần hồ sơ nộp gồm:');
  form.space(0.2);
  form.table(
    [
      { header: 'TT', weight: 1, align: 'center' },
      { header: 'Tên loại giấy tờ', weight: 8 },
      { header: 'Hình thức', weight: 3.4, align: 'center' },
      { header: 'Số lượng', weight: 1.8, align: 'center' },
    ],
    data.documents.map((document, index) => [
      String(index + 1),
      document.name,
      DOCUMENT_FORM_LABELS[document.form],
      String(document.count),
    ]),
  );
  form.field('2. Số lượng hồ sơ', `${data.numberOfSets} (bộ)`);
  form.field('3. Thời gian giải quyết hồ sơ theo quy định', legalProcessingTimeText(data.legalProcessingTime));
  form.field('4. Thời gian nhận hồ sơ', formatDateTime(data.receivedAt, offset));
  form.field('5. Thời gian trả kết quả giải quyết hồ sơ', formatDateTime(data.appointmentAt, offset));
  form.field('6. Đăng ký nhận kết quả tại', data.resultCollectionPlace);
  form.fields([
    ['Vào Sổ theo dõi hồ sơ, Quyển số', data.register?.book ?? BLANK],
    ['Số thứ tự', data.register?.number === undefined ? BLANK : String(data.register.number)],
  ]);
  if (data.lookupSecret) {
    form.fields([['Mã tra cứu', data.lookupSecret]]);
    form.paragraph('(Dùng Mã hồ sơ và Mã tra cứu để tra cứu tình trạng hồ sơ.)', { font: 'italic' });
  }

  form.signatures([
    { title: 'NGƯỜI NỘP HỒ SƠ', hint: '(Ký và ghi rõ họ tên)', name: data.applicant.name },
    {
      title: data.receivingOfficer?.title ?? 'NGƯỜI TIẾP NHẬN HỒ SƠ',
      hint: '(Ký và ghi rõ họ tên)',
      name: data.receivingOfficer?.name,
    },
  ]);
  return form.finish();
}
