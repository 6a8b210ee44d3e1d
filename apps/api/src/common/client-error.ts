import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** Node's HTTP parser errors (before Express sees the request) and what to answer. */
const STATUS_BY_PARSER_ERROR: Record<string, { status: number; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, message: 'the request line or headers are too large (URL and headers ≤ 16 KB)' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: 'the request took too long to arrive' },
  HPE_INVALID_METHOD: { status: 400, message: 'unknown HTTP method' },
};

/**
 * A request Node's parser refuses (a URL over 16 KB, a malformed request line) never reaches Express or the
 * error filter; Node would answer a bare status without a body. Answer the same JSON shape instead.
 */
export function answerClientErrorsAsJson(server: Server): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, message } = STATUS_BY_PARSER_ERROR[error.code ?? ''] ?? {
      status: 400,
      message: 'the request is not valid HTTP',
    };
    const body = JSON.stringify({ statusCode: status, error: 'bad-request', message });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
