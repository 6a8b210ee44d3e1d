import type { MotcuaConfig } from '@motcua/config';
import type { Params } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { DestinationStream } from 'pino';

/** Query parameters that carry secrets: their values never reach a log line. */
const SECRET_QUERY_PARAMETERS = /([?&](?:secret|lookupSecret|token|access_token|refresh_token|password)=)[^&#]*/gi;
/** A JWT (header.payload.signature, base64url): the shape of every access token. */
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;

/** Fields of a logged object whose values are replaced by `[REDACTED]`, at any of the first three levels. */
const SECRET_FIELDS = [
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'currentPassword',
  'newPassword',
  'oneTimePassword',
  'passwordHash',
  'secret',
  'lookupSecret',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'clientSecret',
];
const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
  const at = (prefix: string) => (key.startsWith('[') ? `${prefix}${key}` : `${prefix}.${key}`);
  return [key, at('*'), at('*.*'), at('req.headers'), at('res.headers')];
});

/** A string with bearer tokens, JWTs and secret query parameters masked. */
export function scrubSecrets(text: string): string {
  return text
    .replace(SECRET_QUERY_PARAMETERS, '$1[REDACTED]')
    .replace(BEARER, '$1[REDACTED]')
    .replace(JWT, '[REDACTED JWT]');
}

/**
 * Errors without the row values Postgres and TypeORM attach to them (`detail`, `parameters`, the driver error,
 * the failing row of a constraint violation): type, message, SQLSTATE code, constraint and table only.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrubSecrets(String(error)) };
  const fields = error as Error & { code?: unknown; constraint?: unknown; table?: unknown };
  return {
    type: error.constructor?.name ?? 'Error',
    message: scrubSecrets(error.message),
    stack: error.stack ? scrubSecrets(error.stack) : undefined,
    ...(typeof fields.code === 'string' ? { code: fields.code } : {}),
    ...(typeof fields.constraint === 'string' ? { constraint: fields.constraint } : {}),
    ...(typeof fields.table === 'string' ? { table: fields.table } : {}),
  };
}

let testDestination: DestinationStream | undefined;

/** Sends the logs of applications built from now on to this stream (tests that scan log output); undefined resets. */
export function setLogDestinationForTests(destination: DestinationStream | undefined): void {
  testDestination = destination;
}

/**
 * Structured JSON logs (pino) with a request id taken from `x-request-id` or generated. No secret reaches a log line:
 * request logs carry method, URL (secret query parameters masked) and status only — no headers, no bodies; secret
 * fields of logged objects are redacted; strings are scrubbed of bearer tokens and JWTs; errors lose row values.
 */
export function loggerParams(config: MotcuaConfig, service: string): Params {
  const options = {
    level: config.LOG_LEVEL,
    base: { service },
    transport:
      config.LOG_PRETTY && !testDestination ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    hooks: {
      logMethod(this: unknown, args: unknown[], method: (...parameters: unknown[]) => void) {
        method.apply(
          this,
          args.map((argument) => (typeof argument === 'string' ? scrubSecrets(argument) : argument)),
        );
      },
    },
    genReqId: (
      request: { headers: Record<string, unknown> },
      response: { setHeader(name: string, value: string): void },
    ) => {
      const given = request.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
      response.setHeader('x-request-id', id);
      return id;
    },
    // Keep request logs short: no headers (they carry tokens), no bodies (they carry personal data).
    serializers: {
      req: (request: { id: string; method: string; url: string }) => ({
        id: request.id,
        method: request.method,
        url: scrubSecrets(request.url ?? ''),
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      err: serializeError,
    },
    autoLogging: { ignore: (request: { url?: string }) => request.url?.startsWith('/health') ?? false },
  };
  return { pinoHttp: (testDestination ? [options, testDestination] : options) as Params['pinoHttp'] };
}
