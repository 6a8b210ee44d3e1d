import { formatVietnamDateTime, formatVnd } from '@motcua/domain';

/** A dossier's status in plain Vietnamese words, as the applicant reads it. */
export const CITIZEN_STATUS_TEXT: Record<string, string> = {
  registered: 'Đã đăng ký, chờ cán bộ tiếp nhận',
  'awaiting-intake-supplement': 'Cần bổ sung giấy tờ trước khi tiếp nhận',
  'refused-at-intake': 'Hồ sơ không được tiếp nhận',
  received: 'Đã tiếp nhận, đang chuyển đến cơ quan giải quyết',
  processing: 'Đang giải quyết',
  'awaiting-supplement': 'Cần bổ sung giấy tờ',
  'awaiting-payment': 'Chờ nộp phí, lệ phí',
  'result-ready': 'Đã có kết quả, chờ trả',
  returned: 'Đã trả kết quả',
  refused: 'Từ chối giải quyết (có văn bản nêu lý do)',
  withdrawn: 'Đã rút hồ sơ',
  stopped: 'Đã dừng giải quyết',
};

type PublicEvent = { type: string; payload: Record<string, unknown> };

/** One line of the public timeline, or null for an event the applicant need not see. */
export function timelineText(event: PublicEvent): string | null {
  const p = event.payload;
  switch (event.type) {
    case 'intake-accepted': {
      const at = formatVietnamDateTime(p.appointmentAt);
      return at ? `Đã tiếp nhận hồ sơ, hẹn trả kết quả ${at}` : 'Đã tiếp nhận hồ sơ';
    }
    case 'intake-supplement-requested':
    case 'supplement-requested':
      return 'Yêu cầu bổ sung, hoàn thiện hồ sơ';
    case 'intake-refused':
      return 'Không tiếp nhận hồ sơ';
    case 'supplement-received':
      return 'Đã nhận giấy tờ bổ sung';
    case 'step-started':
      return p.status === 'processing' ? 'Đang giải quyết' : null;
    case 'payment-requested':
      return typeof p.amount === 'number'
        ? `Yêu cầu nộp phí, lệ phí ${formatVnd(p.amount)}`
        : 'Yêu cầu nộp phí, lệ phí';
    case 'payment-paid':
      return 'Đã nộp phí, lệ phí';
    case 'payment-waived':
      return 'Được miễn phí, lệ phí';
    case 'apology-issued': {
      const at = formatVietnamDateTime(p.newAppointmentAt);
      return at ? `Thư xin lỗi, hẹn lại ngày trả kết quả ${at}` : 'Thư xin lỗi, hẹn lại ngày trả kết quả';
    }
    case 'result-ready':
    case 'delivery-started':
      return 'Đã có kết quả';
    case 'result-returned':
      return 'Đã trả kết quả';
    case 'refused':
      return 'Từ chối giải quyết';
    case 'withdrawn':
      return 'Đã rút hồ sơ';
    case 'satisfaction-rated':
      return 'Đã đánh giá mức độ hài lòng';
    default:
      return null;
  }
}

/** What the applicant must do now (documents to add, a fee to pay), in plain words; empty when nothing. */
export function neededNow(
  status: string,
  events: PublicEvent[],
  openPayment: { amount: number; expiresAt: Date } | null,
): string[] {
  if (status === 'awaiting-supplement' || status === 'awaiting-intake-supplement') {
    const request = [...events]
      .reverse()
      .find((event) => event.type === 'supplement-requested' || event.type === 'intake-supplement-requested');
    const lines: string[] = [];
    const items = request?.payload.supplementItems;
    if (Array.isArray(items)) {
      for (const item of items as Array<Record<string, unknown>>) {
        lines.push([item.documentCode, item.reason].filter((part) => typeof part === 'string').join(': '));
      }
    }
    if (typeof request?.payload.comment === 'string' && request.payload.comment.trim()) {
      lines.push(request.payload.comment.trim());
    }
    return lines.length > 0 ? lines : ['Bổ sung giấy tờ theo hướng dẫn của Bộ phận Một cửa'];
  }
  if (openPayment) {
    const until = formatVietnamDateTime(openPayment.expiresAt);
    return [`Nộp phí, lệ phí ${formatVnd(openPayment.amount)}${until ? ` trước ${until}` : ''}`];
  }
  return [];
}
