import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, DomainErrorKind } from '@motcua/domain';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  precondition: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** The one place errors become HTTP: domain errors by kind, framework errors as they are, the rest 500. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError) {
      const status = STATUS_BY_KIND[exception.kind];
      response
        .status(status)
        .json({ statusCode: status, error: exception.code, message: exception.message, details: exception.details });
      return;
    }
    if (exception instanceof HttpException) {
      response.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    if (exception instanceof QueryFailedError && (exception as QueryFailedError & { code?: string }).code === '40001') {
      response
        .status(HttpStatus.CONFLICT)
        .json({ statusCode: 409, error: 'conflict', message: 'concurrent update, retry' });
      return;
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    response
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .json({
        statusCode: 500,
        error: 'internal',
        message: 'internal error; the request id in the x-request-id header identifies it in the logs',
      });
  }
}
