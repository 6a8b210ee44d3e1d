import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { httpRequestDuration } from '@motcua/platform';
import type { NextFunction, Request, Response } from 'express';

/** Records every API request's latency by method, matched route pattern (never the raw path) and status. */
export function httpMetricsMiddleware(request: Request, response: Response, next: NextFunction): void {
  const end = httpRequestDuration.startTimer();
  response.on('finish', () => {
    const route = request.route?.path ? `${request.baseUrl}${String(request.route.path)}` : 'unmatched';
    end({ method: request.method, route, status: String(response.statusCode) });
  });
  next();
}

@Module({})
export class HttpMetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(httpMetricsMiddleware).forRoutes('*');
  }
}
