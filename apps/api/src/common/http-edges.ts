import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { answerClientErrorsAsJson } from './client-error';
import { ErrorFilter } from './domain-error.filter';
import { inputSafetyMiddleware } from './input-safety';
import { SafeValidationPipe } from './safe-validation.pipe';

/** The largest JSON or form body the API reads; larger ones are answered 413 before any handler. */
export const BODY_LIMIT = '1mb';

/**
 * Personal data must not stay in shared or browser caches: every API answer (tokens, dossiers, PDFs, the
 * citizen lookup) is `no-store` unless a route that serves static, public content sets its own policy.
 */
function noStore(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Pragma', 'no-cache');
  next();
}

/**
 * How every request enters the API, in one place (one mechanism per class of bad input, not per route):
 * body parsers with a limit and UTF-8 only (413 / 415 through the error filter), a scan refusing input no
 * route can accept (too deep, NUL, lone surrogates, `__proto__`), no-store caching, the total validation pipe,
 * the filter that turns every error into a JSON 4xx/5xx, and JSON for requests Node's parser refuses.
 */
export function configureHttpEdges(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false, parameterLimit: 200 });
  app.use(inputSafetyMiddleware);
  app.use(noStore);
  app.useGlobalPipes(new SafeValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  answerClientErrorsAsJson(app.getHttpServer());
}
