import type { FormApplicant, FormCommonData, FormProcedure } from './form-common';
import { BLANK, FormDocument } from './form-document';
import { formatDateTime } from './form-format';

/** How a hand-over compares with the step's deadline. */
export type HandOverResult = 'early' | 'on-time' | 'late';

/** Printed labels of `HandOverResult` (trước hạn / đúng hạn / quá hạn). */
export const HAND_OVER_RESULT_LABELS: Readonly<Record<HandOverResult, string>> = {
  early: 'Trước hạn',
  'on-time': 'Đúng hạn',
  late: 'Quá hạn',
};

/** One hand-over of the dossier between two agencies or units. */
export interface ControlSlipHandOver {
  fromAgencyName: string;
  toAgencyName: string;
  /** When the dossier was given. */
  handedOverAt: Date;
  /** When the receiving side acknowledged it; same as `handedOverAt` when absent. */
  receivedAt?: Date;
  result?: HandOverResult;
  note?: string;
  giverName?: string;
  receiverName?: string;
}

/** Data for form 05, control slip (phiếu kiểm soát quá trình giải quyết hồ sơ). */
export interface ControlSlipFormData extends FormCommonData {
  applicant: FormApplicant;
  procedure: FormProcedure;
  receivedAt: Date;
  appointmentAt: Date;
  handOvers: ControlSlipHandOver[];
  /** Which copy this is, e.g. `Lưu tại Bộ phận Tiếp nhận và Trả kết quả`. */
  copyLabel?: string;
}

/** Form 05: control slip, A4. */
export async function renderControlSlipForm(data: ControlSlipFormData): Promise<Buffer> {
  const form = await FormDocument.create('control-slip', data, data.receivedAt);
  const offset = form.offsetMinutes;
  form.header();
  await form.titleBlock(data.copyLabel ? [`(Liên: ${data.copyLabel})`] : []);

  form.field('Kèm theo hồ sơ của', data.applicant.name);
  if (data.applicant.address) form.field('Địa chỉ', data.applicant.address);
  form.field('Thủ tục', data.procedure.code ? `${data.procedure.name} (${data.procedure.code})` : data.procedure.name);
  form.field('Ngày nhận hồ sơ', formatDateTime(data.receivedAt, offset));
  form.field('Ngày hẹn trả kết quả', formatDateTime(data.appointmentAt, offset));
  form.space(0.5);

  form.table(
    [
      { header: 'TÊN CƠ QUAN', weight: 4 },
      { header: 'THỜI GIAN GIAO, NHẬN HỒ SƠ', weight: 6.8 },
      { header: 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/ Đúng hạn/ Quá hạn)', weight: 2.6, align: 'center' },
      { header: 'GHI CHÚ', weight: 2.8 },
    ],
    data.handOvers.map((handOver, index) => {
      const received = handOver.receivedAt ?? handOver.handedOverAt;
      return [
        `${index + 1}. Giao: ${handOver.fromAgencyName}\nNhận: ${handOver.toAgencyName}`,
        `Giao: ${formatDateTime(handOver.handedOverAt, offset)}\nNhận: ${formatDateTime(received, offset)}` +
          `\nNgười giao: ${handOver.giverName ?? BLANK}\nNgười nhận: ${handOver.receiverName ?? BLANK}`,
        handOver.result ? HAND_OVER_RESULT_LABELS[handOver.result] : '',
        handOver.note ?? '',
      ];
    }),
    { fontSize: 9.5 },
  );
  return form.finish();
}
