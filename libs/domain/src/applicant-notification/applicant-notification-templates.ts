import { localWallClock } from '../calendar/vietnam-time';
import { formatVnd } from '../payment/fee';

/** What an applicant is told about (one template each). */
export const APPLICANT_NOTIFICATION_KINDS = [
  'received',
  'supplement-needed',
  'payment-needed',
  'apology',
  'result-ready',
  'delivered',
] as const;
export type ApplicantNotificationKind = (typeof APPLICANT_NOTIFICATION_KINDS)[number];

/** Dossier event types that lead to an applicant notification (the subscriber's event filter). */
export const APPLICANT_NOTIFICATION_EVENT_TYPES = [
  'intake-accepted',
  'intake-supplement-requested',
  'supplement-requested',
  'payment-requested',
  'apology-issued',
  'result-ready',
  'delivery-started',
  'result-returned',
] as const;

/** The dossier facts a template may name (no internal ids). */
export interface ApplicantNotificationContext {
  dossierCode: string;
  applicantName: string;
  procedureName: string;
  /** The desk that received the dossier (and returns the result). */
  deskName: string;
  /** Public status page of this dossier (the applicant enters the lookup secret printed on the receipt there). */
  statusPageUrl: string;
}

export interface ApplicantNotificationContent {
  kind: ApplicantNotificationKind;
  subject: string;
  /** Plain-text e-mail body (Vietnamese). */
  text: string;
  /** Short SMS text in Vietnamese without diacritics (GSM 7-bit: brandname gateways charge per 160-character segment). */
  sms: string;
}

/** "16:00 ngày 03/11/2025" in Vietnam time. */
export function formatVietnamDateTime(iso: unknown): string | null {
  if (typeof iso !== 'string' && !(iso instanceof Date)) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const local = localWallClock(date);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${two(local.getUTCHours())}:${two(local.getUTCMinutes())} ngày ${two(local.getUTCDate())}/${two(
    local.getUTCMonth() + 1,
  )}/${local.getUTCFullYear()}`;
}

const DELIVERY_CHANNEL_TEXT: Record<string, string> = {
  desk: 'Ông/Bà nhận kết quả trực tiếp tại {desk}; khi đến nhận, vui lòng mang theo giấy tờ tùy thân và giấy tiếp nhận hồ sơ.',
  online:
    'Kết quả điện tử đã sẵn sàng: Ông/Bà mở trang tra cứu hồ sơ, nhập mã tra cứu in trên giấy tiếp nhận và chọn "Tải kết quả".',
  postal: 'Kết quả được gửi qua dịch vụ bưu chính công ích đến địa chỉ Ông/Bà đã đăng ký{tracking}.',
};

/**
 * The Vietnamese notice for one dossier event, or null when the event tells the applicant nothing. Pure: the
 * subscriber stores the rendered text with the notification, so a later template change never alters what was sent.
 */
export function renderApplicantNotification(
  event: { type: string; payload: Record<string, unknown> },
  context: ApplicantNotificationContext,
): ApplicantNotificationContent | null {
  const p = event.payload;
  const greeting = `Kính gửi Ông/Bà ${context.applicantName},`;
  const about = `Hồ sơ số ${context.dossierCode} — thủ tục "${context.procedureName}"`;
  const footer = [
    '',
    `Tra cứu tình trạng hồ sơ: ${context.statusPageUrl}`,
    '(dùng mã tra cứu in trên giấy tiếp nhận hồ sơ)',
    '',
    `${context.deskName}`,
    'Thư này được gửi tự động, vui lòng không trả lời.',
  ];
  const build = (
    kind: ApplicantNotificationKind,
    subject: string,
    lines: string[],
    sms: string,
  ): ApplicantNotificationContent => ({
    kind,
    subject: `[${context.dossierCode}] ${subject}`,
    text: [greeting, '', ...lines, ...footer].join('\n'),
    // GSM 7-bit: the dates' "ngày" loses its diacritics too.
    sms: `${context.dossierCode}: ${sms.replace(/ngày/g, 'ngay')}`,
  });

  switch (event.type) {
    case 'intake-accepted': {
      const appointment = formatVietnamDateTime(p.appointmentAt);
      return build(
        'received',
        'Đã tiếp nhận hồ sơ',
        [
          `${about} đã được tiếp nhận.`,
          appointment ? `Ngày hẹn trả kết quả: ${appointment}.` : 'Ngày hẹn trả kết quả sẽ được thông báo sau.',
          `Nơi trả kết quả: ${context.deskName}.`,
        ],
        `Da tiep nhan ho so${appointment ? `, hen tra ket qua ${appointment}` : ''}.`,
      );
    }
    case 'intake-supplement-requested':
    case 'supplement-requested': {
      const items = supplementLines(p);
      const dueAt = formatVietnamDateTime(p.dueAt);
      return build(
        'supplement-needed',
        'Cần bổ sung hồ sơ',
        [
          `${about} cần được bổ sung, hoàn thiện trước khi tiếp tục giải quyết.`,
          'Nội dung cần bổ sung:',
          ...(items.length > 0 ? items : ['- Theo hướng dẫn của cán bộ tiếp nhận.']),
          dueAt
            ? `Thời hạn bổ sung: trước ${dueAt}.`
            : 'Thời gian giải quyết tạm dừng cho đến khi Ông/Bà nộp đủ giấy tờ bổ sung.',
          `Nơi nộp bổ sung: ${context.deskName} hoặc trực tuyến.`,
        ],
        `Can bo sung ho so${dueAt ? ` truoc ${dueAt}` : ''}. Xem chi tiet tai trang tra cuu.`,
      );
    }
    case 'payment-requested': {
      const amount = typeof p.amount === 'number' && Number.isSafeInteger(p.amount) ? formatVnd(p.amount) : null;
      const expires = formatVietnamDateTime(p.expiresAt);
      return build(
        'payment-needed',
        'Cần nộp phí, lệ phí',
        [
          `${about} cần nộp phí, lệ phí${amount ? ` số tiền ${amount}` : ''}.`,
          expires ? `Hạn nộp: trước ${expires}.` : '',
          `Thanh toán trực tuyến: ${context.statusPageUrl} (chọn "Thanh toán"), hoặc nộp tại ${context.deskName}.`,
        ].filter(Boolean),
        `Can nop phi${amount ? ` ${amount}` : ''}${expires ? ` truoc ${expires}` : ''}.`,
      );
    }
    case 'apology-issued': {
      const original = formatVietnamDateTime(p.originalAppointmentAt);
      const next = formatVietnamDateTime(p.newAppointmentAt);
      const reason = typeof p.reason === 'string' ? p.reason : null;
      return build(
        'apology',
        'Thư xin lỗi và hẹn lại ngày trả kết quả',
        [
          `${about} chưa thể trả kết quả đúng hẹn${original ? ` (${original})` : ''}.`,
          reason ? `Lý do: ${reason}.` : '',
          typeof p.responsibleUnit === 'string' ? `Đơn vị chịu trách nhiệm: ${p.responsibleUnit}.` : '',
          'Cơ quan giải quyết thành thật xin lỗi Ông/Bà vì sự chậm trễ này.',
          next ? `Ngày hẹn trả kết quả mới: ${next}.` : '',
        ].filter(Boolean),
        `Xin loi vi tre hen. Hen tra ket qua moi${next ? `: ${next}` : ''}.`,
      );
    }
    case 'result-ready':
      // The definition's delivery step announces itself ('delivery-started'); only a dossier without one is told here.
      if (p.deliveryStepId) return null;
      return build(
        'result-ready',
        'Đã có kết quả giải quyết',
        [`${about} đã có kết quả.`, fill(DELIVERY_CHANNEL_TEXT.desk, context, p)],
        'Da co ket qua, moi Ong/Ba den nhan.',
      );
    case 'delivery-started': {
      const channel = typeof p.channel === 'string' && DELIVERY_CHANNEL_TEXT[p.channel] ? p.channel : 'desk';
      return build(
        'result-ready',
        'Đã có kết quả giải quyết',
        [`${about} đã có kết quả.`, fill(DELIVERY_CHANNEL_TEXT[channel], context, p)],
        channel === 'online'
          ? 'Da co ket qua dien tu, tai tai trang tra cuu.'
          : channel === 'postal'
            ? 'Da co ket qua, dang gui qua buu chinh.'
            : 'Da co ket qua, moi Ong/Ba den nhan.',
      );
    }
    case 'result-returned':
      return build(
        'delivered',
        'Đã trả kết quả',
        [
          `${about} đã được trả kết quả.`,
          'Ông/Bà có thể đánh giá mức độ hài lòng về việc giải quyết hồ sơ tại trang tra cứu.',
        ],
        'Da tra ket qua. Moi danh gia muc do hai long tai trang tra cuu.',
      );
    default:
      return null;
  }
}

function supplementLines(payload: Record<string, unknown>): string[] {
  const lines: string[] = [];
  if (Array.isArray(payload.supplementItems)) {
    for (const item of payload.supplementItems as Array<Record<string, unknown>>) {
      const code = typeof item?.documentCode === 'string' ? item.documentCode : null;
      const reason = typeof item?.reason === 'string' ? item.reason : null;
      if (code || reason) lines.push(`- ${[code, reason].filter(Boolean).join(': ')}`);
    }
  }
  if (typeof payload.comment === 'string' && payload.comment.trim()) lines.push(`- ${payload.comment.trim()}`);
  return lines;
}

function fill(template: string, context: ApplicantNotificationContext, payload: Record<string, unknown>): string {
  const tracking = typeof payload.trackingNumber === 'string' ? ` (mã bưu gửi ${payload.trackingNumber})` : '';
  return template.replace('{desk}', context.deskName).replace('{tracking}', tracking);
}
