/** Vietnamese names for the API's codes (statuses, forms, channels, outcomes) and field messages. */
export const DOCUMENT_FORM_NAMES: Record<string, string> = {
  original: 'Bản chính',
  'certified-copy': 'Bản sao chứng thực',
  copy: 'Bản sao',
};

export const CHANNEL_NAMES: Record<string, string> = {
  'in-person': 'Trực tiếp',
  postal: 'Qua bưu chính',
  online: 'Trực tuyến',
};

export const DOSSIER_STATUS_NAMES: Record<string, string> = {
  registered: 'Đã đăng ký',
  'awaiting-intake-supplement': 'Chờ bổ sung (tiếp nhận)',
  'refused-at-intake': 'Từ chối tiếp nhận',
  received: 'Đã tiếp nhận',
  processing: 'Đang xử lý',
  'awaiting-supplement': 'Chờ bổ sung',
  'awaiting-payment': 'Chờ nộp phí',
  'result-ready': 'Có kết quả, chờ trả',
  returned: 'Đã trả kết quả',
  refused: 'Từ chối giải quyết',
  withdrawn: 'Đã rút',
  stopped: 'Dừng xử lý',
};

/** A postal shipment's tracking states (sandbox carrier; QĐ 45/2016). */
export const SHIPMENT_STATUS_NAMES: Record<string, string> = {
  created: 'Đã tạo bưu gửi',
  'picked-up': 'Đã nhận hàng',
  'in-transit': 'Đang vận chuyển',
  delivered: 'Đã phát thành công',
  failed: 'Phát không thành công',
  'returned-to-sender': 'Đã chuyển hoàn',
};

export const STEP_STATUS_NAMES: Record<string, string> = {
  open: 'Chưa nhận',
  claimed: 'Đã nhận xử lý',
  completed: 'Đã xong',
  'dead-letter': 'Lỗi chuyển tiếp',
};

export const STEP_OUTCOME_NAMES: Record<string, string> = {
  approve: 'Đồng ý, chuyển bước tiếp',
  return: 'Trả lại bước trước',
  'request-supplement': 'Yêu cầu bổ sung',
  refuse: 'Từ chối giải quyết',
  forward: 'Chuyển tiếp',
};

/** Messages for fields the API validates, by field path (the API's own message is kept as a fallback). */
export const FIELD_MESSAGES: Record<string, string> = {
  'applicant.identityNumber': 'Số định danh phải gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND).',
  'applicant.phone': 'Số điện thoại không hợp lệ (ví dụ 0912345678 hoặc +84912345678).',
  'applicant.name': 'Nhập họ và tên người nộp.',
  'applicant.address': 'Nhập địa chỉ người nộp.',
  'applicant.email': 'Thư điện tử không hợp lệ.',
  receivedAt: 'Nhập thời điểm lập biên bản giao nhận (hồ sơ qua bưu chính).',
  procedureId: 'Chọn thủ tục.',
  refusalReason: 'Nhập lý do từ chối.',
};

export function fieldMessage(field: string, apiMessage: string): string {
  return FIELD_MESSAGES[field] ?? apiMessage;
}

export function name(names: Record<string, string>, code: string | null | undefined): string {
  return code ? (names[code] ?? code) : '—';
}

/** The web console's one copy of Vietnam's zone (the browser bundle does not import libs/domain's vietnam-time.ts). */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const DATE_TIME = new Intl.DateTimeFormat('vi-VN', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: VIETNAM_TIME_ZONE,
});

export function formatDateTime(value: string | null | undefined): string {
  return value ? DATE_TIME.format(new Date(value)) : '—';
}
