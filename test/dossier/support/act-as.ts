import type { Actor } from '../../../apps/api/src/identity/access.decorator';
import { authHeaderForActor } from '../../support/auth';
import type { TestServices } from '../../support/test-services';

/**
 * Real bearer tokens for tests written against `Actor` objects: `registerActors` creates each actor's
 * account once (test/support/auth.ts), then `authHeader(actor)` returns its header synchronously, so the
 * tests read `request.set(authHeader(desk))`.
 */
const headers = new Map<string, { Authorization: string }>();

export async function registerActors(services: TestServices, ...actors: Actor[]): Promise<void> {
  for (const actor of actors) headers.set(actor.userId, await authHeaderForActor(services, actor));
}

export function authHeader(actor: Actor): { Authorization: string } {
  const header = headers.get(actor.userId);
  if (!header) throw new Error(`actor ${actor.username} was not registered with registerActors()`);
  return header;
}
