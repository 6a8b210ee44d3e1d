import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Actor } from '../../../apps/api/src/identity/access.decorator';

/**
 * INTERIM until the identity guard and `test/support/auth.ts` exist (issue #4): tests call `authHeader(actor)`
 * for every request, and `installInterimActor(api)` makes the test server turn that header into `request.actor`.
 * Only test code does this (it wraps the listening test server), so no production route can be reached this
 * way. When issue #4 lands, make `authHeader` return a real bearer token and drop `installInterimActor`.
 */
const HEADER = 'x-test-actor';

export function authHeader(actor: Actor): Record<string, string> {
  return { [HEADER]: Buffer.from(JSON.stringify(actor)).toString('base64url') };
}

export function installInterimActor(api: INestApplication): void {
  const server = api.getHttpServer() as Server;
  const listeners = server.listeners('request') as Array<(request: IncomingMessage, response: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage & { actor?: Actor }, response: ServerResponse) => {
    const encoded = request.headers[HEADER];
    if (typeof encoded === 'string') request.actor = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Actor;
    for (const listener of listeners) listener(request, response);
  });
}
