/**
 * An API error as the console shows it: a message, and the messages of the fields it names. Reads Nest's
 * validation shape (`message: ["applicant.identityNumber must be …"]`), the domain error shape
 * (`{ error, message, details }`) and field lists (`details.fields` / `errors: [{ field|property, message }]`).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly code?: string,
  ) {
    super(message);
  }
}

type Body = { message?: unknown; error?: unknown; details?: unknown; errors?: unknown };

const FIELD_MESSAGE = /^([A-Za-z][\w.[\]]*) (must|should|is|has|contains)\b/;

export function apiErrorFrom(status: number, body: unknown): ApiError {
  const { message, error, details, errors } = (body && typeof body === 'object' ? body : {}) as Body;
  const fields: Record<string, string> = {};
  const messages = Array.isArray(message) ? message.map(String) : message ? [String(message)] : [];
  for (const text of messages) {
    const match = FIELD_MESSAGE.exec(text);
    if (match) fields[normalize(match[1])] ??= text;
  }
  const lists = [errors, (details as { fields?: unknown } | undefined)?.fields, details].filter(Array.isArray);
  for (const list of lists as unknown[][]) {
    for (const item of list) {
      const entry = item as { field?: string; property?: string; path?: string; message?: string };
      const field = entry.field ?? entry.property ?? entry.path;
      if (field && entry.message) fields[normalize(field)] ??= entry.message;
    }
  }
  const text = messages.join('; ') || (typeof error === 'string' ? error : `Lỗi ${status}`);
  return new ApiError(status, text, fields, typeof error === 'string' ? error : undefined);
}

/** `documents[0].count` and `documents.0.count` name the same field. */
function normalize(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

/** A message for people: the API's text for 4xx, a generic one otherwise. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.';
    if (error.status >= 500) return 'Máy chủ gặp lỗi. Thử lại sau ít phút.';
    if (error.status === 403) return `Bạn không có quyền thực hiện thao tác này (${error.message}).`;
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
