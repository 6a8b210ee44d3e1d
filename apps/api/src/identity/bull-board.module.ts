import { Inject, Logger, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { agencyQueueName, DEADLINE_QUEUE, NOTIFICATION_QUEUE, SYSTEM_QUEUE, WORKFLOW_QUEUE } from '@motcua/queues';
import { QueueRegistry } from '@motcua/platform';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { bearerToken } from './access.guard';
import { TokenModule } from './token.module';
import { TokenRejected, TokenService } from './token.service';

export const BULL_BOARD_PATH = '/admin/queues';
/** Browsers cannot send a bearer header to the board's pages: they may carry the access token in this cookie. */
export const BULL_BOARD_COOKIE = 'motcua_access_token';

function cookieToken(request: Request): string | undefined {
  const cookie = request.headers.cookie ?? '';
  const match = new RegExp(`(?:^|;\\s*)${BULL_BOARD_COOKIE}=([^;]+)`).exec(cookie);
  return match ? decodeURIComponent(match[1]) : undefined;
}

/**
 * Express middleware for non-Nest routes (Bull Board): admin role only, via `Authorization: Bearer` or the
 * BULL_BOARD_COOKIE cookie. 401 without a valid token, 403 for other roles.
 */
export function adminOnlyMiddleware(tokens: TokenService) {
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    const token = bearerToken(request) ?? cookieToken(request);
    if (!token) {
      response.status(401).json({ statusCode: 401, message: 'Authentication required' });
      return;
    }
    try {
      const actor = await tokens.authenticate(token);
      if (!actor.roles.includes('admin') || actor.passwordChangeRequired) {
        response.status(403).json({ statusCode: 403, message: 'Your role may not use this route' });
        return;
      }
      next();
    } catch (error) {
      if (!(error instanceof TokenRejected)) return next(error);
      response.status(401).json({ statusCode: 401, message: 'Invalid or expired token' });
    }
  };
}

/**
 * Bull Board (queue UI) at /admin/queues, mounted only when BULL_BOARD_ENABLED, behind admin authentication.
 * Shows the static queues of the contracts, every queue this process has opened, and one queue per agency.
 */
@Module({ imports: [TokenModule] })
export class BullBoardModule implements NestModule {
  private readonly logger = new Logger('BullBoard');

  constructor(
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(QueueRegistry) private readonly queues: QueueRegistry,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  async configure(consumer: MiddlewareConsumer): Promise<void> {
    if (!this.config.BULL_BOARD_ENABLED) return;
    // Loaded only when the board is enabled (off by default): API processes without it skip its modules.
    const [{ createBullBoard }, { BullMQAdapter }, { ExpressAdapter }] = await Promise.all([
      import('@bull-board/api'),
      import('@bull-board/api/bullMQAdapter'),
      import('@bull-board/express'),
    ]);
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(BULL_BOARD_PATH);
    const board = createBullBoard({ queues: [], serverAdapter });
    const refresh = async (): Promise<void> => {
      const agencies: Array<{ identifier: string }> = await this.dataSource
        .query(`SELECT identifier FROM agency ORDER BY identifier`)
        .catch(() => []);
      const names = new Set([
        SYSTEM_QUEUE.name,
        WORKFLOW_QUEUE.name,
        DEADLINE_QUEUE.name,
        NOTIFICATION_QUEUE.name,
        ...this.queues.names(),
        ...agencies.map((agency) => agencyQueueName(agency.identifier)),
      ]);
      board.replaceQueues(
        [...names].sort().map((name) => new BullMQAdapter(this.queues.get(name), { readOnlyMode: false })),
      );
    };
    const guard = adminOnlyMiddleware(this.tokens);
    const router = serverAdapter.getRouter() as (request: Request, response: Response, next: NextFunction) => void;
    consumer
      .apply(
        guard,
        (request: Request, _response: Response, next: NextFunction) => {
          // New agencies appear without a restart: the queue list is rebuilt on each page load.
          if (request.method === 'GET' && !request.path.includes('/static/')) refresh().then(() => next(), next);
          else next();
        },
        (request: Request, response: Response, next: NextFunction) => {
          // The board's router expects paths relative to its base; Nest passes the full URL.
          const saved = request.url;
          const [pathname, search] = request.originalUrl.split('?');
          request.url = (pathname.slice(BULL_BOARD_PATH.length) || '/') + (search ? `?${search}` : '');
          router(request, response, (error?: unknown) => {
            request.url = saved;
            next(error);
          });
        },
      )
      .forRoutes(`${BULL_BOARD_PATH}/*path`, BULL_BOARD_PATH);
    this.logger.log(`Bull Board mounted at ${BULL_BOARD_PATH} (admin only)`);
  }
}
