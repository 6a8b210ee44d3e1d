import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, DomainErrorKind } from '@motcua/domain';
import type { Response } from 'express';
import { ErrorBody, sendErrorResponse } from './error-response';
import { databaseUnavailable, mapPostgresError } from './postgres-error';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  precondition: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** Why a transport (body-parser, http-errors) refused a request: messages safe to show, by error type. */
const TRANSPORT_MESSAGES: Record<string, string> = {
  'entity.too.large': 'the request body is larger than the limit',
  'charset.unsupported': 'unsupported charset: send JSON as UTF-8 (application/json; charset=utf-8)',
  'encoding.unsupported': 'unsupported content encoding',
  'entity.parse.failed': 'the request body is not valid JSON',
  'entity.verify.failed': 'the request body could not be verified',
  'request.aborted': 'the request was aborted',
  'request.size.invalid': 'the request body is shorter or longer than its Content-Length',
  'stream.encoding.set': 'the request could not be read',
  'parameters.too.many': 'too many parameters',
};

/** An http-errors style error (body-parser, express router): a 4xx `status` and `expose: true`. */
function transportError(exception: unknown): ErrorBody | undefined {
  if (!(exception instanceof Error)) return undefined;
  const { status, statusCode, type, expose } = exception as Error & {
    status?: unknown;
    statusCode?: unknown;
    type?: unknown;
    expose?: unknown;
  };
  const code = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : undefined;
  if (code === undefined || code < 400 || code > 499 || expose === false) return undefined;
  const message = (typeof type === 'string' && TRANSPORT_MESSAGES[type]) || 'the request could not be read';
  return { statusCode: code, error: typeof type === 'string' ? type : 'bad-request', message };
}

/**
 * The one place errors become HTTP: domain errors by kind, framework and transport errors by their status,
 * Postgres errors that bad input can cause by SQLSTATE (4xx, no row values), a database away for a moment 503, the
 * rest 500 and logged.
 * Every error answer is JSON, also on routes that serve PDFs.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    sendErrorResponse(response, this.toBody(exception));
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: STATUS_BY_KIND[exception.kind],
        error: exception.code,
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null) return { statusCode: status, ...(body as object) } as ErrorBody;
      return { statusCode: status, error: String(HttpStatus[status] ?? 'error').toLowerCase(), message: String(body) };
    }
    const away = databaseUnavailable(exception);
    if (away) {
      this.logger.warn(`database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
      return away;
    }
    const database = mapPostgresError(exception);
    if (database) {
      const { code, constraint, table } = exception as { code?: unknown; constraint?: unknown; table?: unknown };
      // Only the SQLSTATE and names: a Postgres message or detail can carry row values.
      this.logger.warn(`refused by Postgres: ${String(code)} ${String(table ?? '')} ${String(constraint ?? '')}`);
      return database;
    }
    const transport = transportError(exception);
    if (transport) return transport;
    if (exception instanceof RangeError && /call stack/i.test(exception.message))
      return { statusCode: 400, error: 'too-complex', message: 'the input is too deeply nested' };
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return {
      statusCode: 500,
      error: 'internal',
      message: 'internal error; the request id in the x-request-id header identifies it in the logs',
    };
  }
}
