import type { MotcuaConfig } from '@motcua/config';
import type { Params } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';

/** Structured JSON logs (pino) with a request id taken from `x-request-id` or generated. */
export function loggerParams(config: MotcuaConfig, service: string): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      base: { service },
      transport: config.LOG_PRETTY ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
      genReqId: (request, response) => {
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
          url: request.url,
        }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      autoLogging: { ignore: (request) => request.url?.startsWith('/health') ?? false },
    },
  };
}
