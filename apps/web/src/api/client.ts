import { ApiError, apiErrorFrom } from './api-error';
import type { Session } from './types';

/**
 * The one way the console calls the API (same origin). Sends the bearer token; on 401 it refreshes the
 * session once and replays the request; when the refresh fails it asks the session layer to sign in again
 * (a dialog over the page, so a half-filled form is kept) and then replays.
 */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
}

type SessionHooks = {
  current(): Session | null;
  store(session: Session | null): void;
  /** Resolves with a new session after the person signs in again, or rejects when they give up. */
  reauthenticate(): Promise<Session>;
};

let hooks: SessionHooks = {
  current: () => null,
  store: () => undefined,
  reauthenticate: () => Promise.reject(new ApiError(401, 'Phiên đăng nhập đã hết hạn')),
};

export function connectSession(sessionHooks: SessionHooks): void {
  hooks = sessionHooks;
}

let refreshing: Promise<Session | null> | null = null;

/** One refresh at a time: the refresh token is single-use. */
async function refreshSession(): Promise<Session | null> {
  const session = hooks.current();
  if (!session) return null;
  refreshing ??= send('/auth/refresh', { method: 'POST', body: { refreshToken: session.refreshToken } }, null)
    .then(async (response) => (response.ok ? ((await response.json()) as Session) : null))
    .catch(() => null)
    .finally(() => (refreshing = null));
  const renewed = await refreshing;
  if (renewed) hooks.store(renewed);
  return renewed;
}

function send(path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  // A FormData body (file uploads) is multipart: the browser sets the content type with its boundary.
  const multipart = options.body instanceof FormData;
  if (options.body !== undefined && !multipart) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(url, {
    method: options.method ?? 'GET',
    headers,
    body:
      options.body === undefined ? undefined : multipart ? (options.body as FormData) : JSON.stringify(options.body),
  });
}

async function authorized(path: string, options: RequestOptions): Promise<Response> {
  let response: Response;
  try {
    response = await send(path, options, hooks.current()?.accessToken ?? null);
    if (response.status !== 401 || path.startsWith('/auth/login')) return response;
    const renewed = (await refreshSession()) ?? (await hooks.reauthenticate());
    return await send(path, options, renewed.accessToken);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(0, 'network error');
  }
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await authorized(path, options);
  const text = await response.text();
  const body = text ? safeJson(text) : undefined;
  if (!response.ok) throw apiErrorFrom(response.status, body);
  return body as T;
}

/** Opens a PDF the API renders (receipt, forms 02/03, control slip) or a stored file in a new tab, authenticated. */
export async function openPdf(path: string): Promise<void> {
  const target = window.open('', '_blank');
  const response = await authorized(path, {});
  if (!response.ok) {
    target?.close();
    throw apiErrorFrom(response.status, safeJson(await response.text()));
  }
  const url = URL.createObjectURL(await response.blob());
  if (target) target.location.href = url;
  else window.location.href = url;
}

/** Downloads a file the API renders (CSV, XLSX report), authenticated, under `filename`. */
export async function downloadFile(path: string, query: RequestOptions['query'], filename: string): Promise<void> {
  const response = await authorized(path, { query });
  if (!response.ok) throw apiErrorFrom(response.status, safeJson(await response.text()));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}
