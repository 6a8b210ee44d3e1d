import { VIETNAM_TIME_ZONE } from '../ui/labels';

/**
 * The citizen's calls (no account: code + the lookup secret printed on the receipt, always in a body or header, never
 * in the page URL). Plain fetch: the console's client refreshes staff sessions, which a citizen does not have.
 */
export interface CitizenStatus {
  code: string;
  procedureName: string;
  agencyName: string;
  status: string;
  statusText: string;
  receivedAt: string;
  appointmentAt: string | null;
  needed: string[];
  timeline: Array<{ at: string; text: string }>;
  actions: { pay: { amount: number; expiresAt: string } | null; download: boolean; rate: boolean };
  rating: string | null;
}

export class CitizenError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** One message per outcome; an unknown code and a wrong secret read the same. */
function messageFor(status: number): string {
  if (status === 404)
    return 'Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này. Vui lòng kiểm tra lại giấy tiếp nhận.';
  if (status === 429) return 'Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút.';
  if (status === 400) return 'Mã hồ sơ hoặc mã tra cứu không đúng định dạng.';
  if (status === 409) return 'Thao tác này không còn thực hiện được (đã thực hiện trước đó hoặc đã hết hạn).';
  if (status === 422) return 'Chưa thể thực hiện thao tác này ở bước hiện tại của hồ sơ.';
  return 'Hệ thống đang bận. Vui lòng thử lại sau.';
}

async function call<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { accept: 'application/json', 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
  } catch {
    throw new CitizenError(0, 'Không kết nối được. Vui lòng kiểm tra mạng và thử lại.');
  }
  if (!response.ok) throw new CitizenError(response.status, messageFor(response.status));
  return (await response.json()) as T;
}

const dossierPath = (code: string) => `/public/dossiers/${encodeURIComponent(code.trim())}`;

export const citizenApi = {
  status: (code: string, secret: string) =>
    call<CitizenStatus>(`${dossierPath(code)}/status-page`, { method: 'POST', body: JSON.stringify({ secret }) }),
  pay: (code: string, secret: string) =>
    call<{ paymentUrl: string }>(`${dossierPath(code)}/payments/vnpay`, {
      method: 'POST',
      body: JSON.stringify({ secret }),
    }),
  resultLink: (code: string, secret: string) =>
    // This route reads the secret from its query (issue 12); logs mask it.
    call<{ url: string }>(`${dossierPath(code)}/result-link?secret=${encodeURIComponent(secret)}`, { method: 'GET' }),
  rate: (code: string, secret: string, level: string, comment: string) =>
    call<{ level: string }>(`${dossierPath(code)}/rating`, {
      method: 'POST',
      body: JSON.stringify({ secret, level, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
    }),
};

const dateTime = new Intl.DateTimeFormat('vi-VN', {
  timeZone: VIETNAM_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));
export const formatVnd = (amount: number): string => `${amount.toLocaleString('vi-VN')} đ`;
