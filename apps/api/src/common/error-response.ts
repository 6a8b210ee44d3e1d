import type { Response } from 'express';

/** The body of every error the API answers (domain, validation, database, transport). */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  details?: Readonly<Record<string, unknown>>;
}

/**
 * Writes an error as JSON whatever the route had prepared: a PDF route sets `Content-Type: application/pdf`
 * (and may set `Content-Disposition`) before its handler runs, so an error must replace both, or the client
 * receives JSON labelled as a PDF.
 */
export function sendErrorResponse(response: Response, body: ErrorBody): void {
  if (response.headersSent) {
    // A stream failed half-way: nothing can be said any more; end it so the client sees a truncated body.
    response.end();
    return;
  }
  response.removeHeader('Content-Disposition');
  response.removeHeader('Content-Length');
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.status(body.statusCode).send(JSON.stringify(body));
}
