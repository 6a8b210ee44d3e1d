import type { FormApplicant, FormCommonData, FormProcedure, FormSignatory } from './form-common';
import { FormDocument } from './form-document';

/** Data for form 03, refusal (phiếu từ chối tiếp nhận, giải quyết hồ sơ). */
export interface RefusalFormData extends FormCommonData {
  applicant: FormApplicant;
  procedure: FormProcedure;
  /** When the refusal is issued. */
  refusedAt: Date;
  /** The specific reason, printed as given. */
  reason: string;
  /** Officer who signs (người tiếp nhận hồ sơ by default). */
  officer: FormSignatory;
}

/** Form 03: refusal, A5. */
export async function renderRefusalForm(data: RefusalFormData): Promise<Buffer> {
  const form = await FormDocument.create('refusal', data, data.refusedAt);
  form.header();
  await form.titleBlock();

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
  form.paragraph(
    `Qua xem xét, ${data.agencyName} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`,
  );
  form.paragraph(data.reason, { font: 'bold', indent: 12 });
  form.space(0.2);
  form.paragraph('Xin thông báo cho Ông/Bà được biết và thực hiện./.');

  form.signatures([
    { title: '', hint: '' },
    { title: data.officer.title ?? 'NGƯỜI TIẾP NHẬN HỒ SƠ', hint: '(Ký và ghi rõ họ tên)', name: data.officer.name },
  ]);
  return form.finish();
}
