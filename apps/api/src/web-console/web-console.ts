import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { static as serveStatic } from 'express';

/** Where the staff console is served (the browser history routes of apps/web live under it). */
export const WEB_CONSOLE_PATH = '/app';

/** The console's build output (`npm run build` → apps/web/scripts/build.sh), relative to the working directory. */
export function webConsoleDirectory(): string {
  return join(process.cwd(), 'dist', 'web');
}

/**
 * Serves the built web console (apps/web) from the API process: hashed assets with a long cache, every
 * other GET under /app answered with index.html (the single-page app's routes), `/` redirected to /app/.
 * The files carry no data (every call the console makes is authenticated), so they are public.
 */
export function serveWebConsole(app: NestExpressApplication, directory = webConsoleDirectory()): void {
  const index = join(directory, 'index.html');
  const logger = new Logger('WebConsole');
  if (!existsSync(index)) logger.warn(`web console not built (${index} missing): run npm run build`);
  app.use(
    `${WEB_CONSOLE_PATH}/assets`,
    serveStatic(join(directory, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }),
  );
  app.use(WEB_CONSOLE_PATH, serveStatic(directory, { index: false, maxAge: 0 }));
  app.use(WEB_CONSOLE_PATH, (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (!existsSync(index)) {
      response.status(503).type('text/plain; charset=utf-8').send('Giao diện chưa được build: chạy npm run build');
      return;
    }
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(index);
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.path === '/' && request.method === 'GET') response.redirect(`${WEB_CONSOLE_PATH}/`);
    else next();
  });
}
