import type { FormApplicant, FormCommonData, FormProcedure, FormSignatory } from './form-common';
import { BLANK, FormDocument } from './form-document';

/** One thing the applicant must add or correct, with the reason (all listed at once, NĐ 61/2018 Art. 15). */
export interface SupplementRequestItem {
  documentName: string;
  reason: string;
}

/** Who the applicant can ask while completing the dossier. */
export interface SupplementRequestContact {
  name?: string;
  unit?: string;
  phone?: string;
  email?: string;
}

/** Data for form 02, supplement request (phiếu yêu cầu bổ sung, hoàn thiện hồ sơ). */
export interface SupplementRequestFormData extends FormCommonData {
  applicant: FormApplicant;
  procedure: FormProcedure;
  /** When the request is issued. */
  requestedAt: Date;
  items: SupplementRequestItem[];
  contact: SupplementRequestContact;
  /** Officer who guides the applicant (người hướng dẫn). */
  officer: FormSignatory;
}

/** Form 02: supplement request, A5. */
export async function renderSupplementRequestForm(data: SupplementRequestFormData): Promise<Buffer> {
  const form = await FormDocument.create('supplement-request', data, data.requestedAt);
  form.header();
  await form.titleBlock();

  form.field('Hồ sơ của', data.applicant.name);
  form.field('Nội dung yêu cầu giải quyết', data.procedure.name);
  if (data.procedure.code) form.field('Mã thủ tục', data.procedure.code);
  form.field('Địa chỉ', data.applicant.address);
  form.fields([
    ['Số điện thoại', data.applicant.phone],
    ['Email', data.applicant.email],
  ]);
  form.space();
  form.paragraph('Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:');
  form.space(0.2);
  form.table(
    [
      { header: 'TT', weight: 1, align: 'center' },
      { header: 'Giấy tờ cần bổ sung, hoàn thiện', weight: 6 },
      { header: 'Lý do', weight: 6 },
    ],
    data.items.map((item, index) => [String(index + 1), item.documentName, item.reason]),
  );

  const contact = data.contact;
  const who = [contact.name, contact.unit].filter((part) => part).join(', ') || BLANK;
  const reach = [`số điện thoại ${contact.phone ?? BLANK}`, contact.email ? `email ${contact.email}` : undefined]
    .filter((part) => part)
    .join(', ');
  form.paragraph(
    `Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với ${who}, ${reach} để được hướng dẫn.`,
  );
  form.space(0.2);
  form.paragraph(`${data.agencyName} xin thông báo để Ông/Bà biết và hoàn thiện hồ sơ theo quy định./.`);

  form.signatures([
    { title: '', hint: '' },
    { title: data.officer.title ?? 'NGƯỜI HƯỚNG DẪN', hint: '(Ký và ghi rõ họ tên)', name: data.officer.name },
  ]);
  return form.finish();
}
