import type { FormApplicant, FormCommonData, FormProcedure, FormSignatory } from './form-common';
import { BLANK, FormDocument } from './form-document';
import { formatDate, formatDateTime } from './form-format';

/** Data for form 04, apology and new appointment (phiếu xin lỗi và hẹn lại ngày trả kết quả). */
export interface ApologyFormData extends FormCommonData {
  applicant: FormApplicant;
  procedure: FormProcedure;
  /** When the dossier was received. */
  receivedAt: Date;
  /** Agency that received the dossier, when it differs from `agencyName`. */
  receivingAgencyName?: string;
  /** The appointment printed on the receipt. */
  originalAppointmentAt: Date;
  reason: string;
  /** The unit whose step overran and who is responsible for the delay. */
  responsibleUnitName: string;
  /** The new appointment (the date may be moved only once, NĐ 61/2018 Art. 19). */
  newAppointmentAt: Date;
  newAppointmentPlace: string;
  /** Head of the agency, who signs and stamps (thủ trưởng cơ quan). */
  head: FormSignatory;
  /** When the apology is issued. */
  apologisedAt: Date;
}

/** Form 04: apology and new appointment, A5. */
export async function renderApologyForm(data: ApologyFormData): Promise<Buffer> {
  const form = await FormDocument.create('apology', data, data.apologisedAt);
  const offset = form.offsetMinutes;
  form.header();
  await form.titleBlock();

  form.field('Kính gửi', data.applicant.name);
  form.field('Địa chỉ', data.applicant.address);
  form.space(0.3);
  const receiver = data.receivingAgencyName ?? data.agencyName;
  form.paragraph(
    `Ngày ${formatDate(data.receivedAt, offset)}, ${receiver} tiếp nhận giải quyết hồ sơ của Ông/Bà ` +
      `đề nghị giải quyết thủ tục: ${data.procedure.name}${data.procedure.code ? ` (mã thủ tục ${data.procedure.code})` : ''}.`,
  );
  form.field('Mã hồ sơ', data.dossierCode);
  form.field('Thời hạn trả kết quả giải quyết hồ sơ', formatDateTime(data.originalAppointmentAt, offset));
  form.space(0.3);
  form.paragraph(`Tuy nhiên đến nay, ${data.agencyName} chưa trả kết quả giải quyết hồ sơ cho Ông/Bà, lý do:`);
  form.paragraph(data.reason || BLANK, { font: 'bold', indent: 12 });
  form.field('Sự chậm trễ này là do lỗi của', data.responsibleUnitName);
  form.space(0.3);
  form.paragraph(`${data.agencyName} xin lỗi Ông/Bà và hẹn trả kết quả giải quyết hồ sơ vào:`);
  form.field('Thời gian', formatDateTime(data.newAppointmentAt, offset), { indent: 12 });
  form.field('Tại', data.newAppointmentPlace, { indent: 12 });
  form.space(0.3);
  form.paragraph('Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.');

  form.signatures([
    { title: '', hint: '' },
    { title: data.head.title ?? 'THỦ TRƯỞNG CƠ QUAN', hint: '(Ký, ghi rõ họ tên và đóng dấu)', name: data.head.name },
  ]);
  return form.finish();
}
