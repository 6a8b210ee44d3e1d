import { Client } from 'pg';
import type { FaultOutcome } from './fault-catalog';
import type { FaultWorld } from './fault-world';
import type { SeededRandom } from './seeded-random';

/** More than Postgres' max_connections (200 in the harness): the loop stops at the first refusal. */
const MAX_CLIENTS = 260;

/**
 * A full connection pool: every free Postgres connection slot taken (a process that restarts or a pool that grows
 * cannot connect: "too many clients"), and one of them holding the dossier table in EXCLUSIVE mode (plain reads pass,
 * every write and row lock waits), so every pooled connection of the API and the workers ends up waiting on it and
 * new work queues for a connection, as behind a stuck transaction or a long migration. Released after a few seconds:
 * nothing may be lost, nothing done twice.
 */
export async function postgresPoolExhausted(
  world: FaultWorld,
  random: SeededRandom,
): Promise<{ outcome: FaultOutcome; heal: () => Promise<void> }> {
  const holdMs = random.between(3000, 8000);
  const clients: Client[] = [];
  let refusal = '';
  while (clients.length < MAX_CLIENTS) {
    const client = new Client({ connectionString: world.postgres.url, connectionTimeoutMillis: 5000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      clients.push(client);
    } catch (error) {
      refusal = (error as Error).message;
      await client.end().catch(() => undefined);
      break;
    }
  }
  const release = async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  };
  const problems: string[] = [];
  if (clients.length === 0) {
    problems.push(`no connection to take: ${refusal}`);
    return { outcome: { detail: 'nothing taken', problems }, heal: release };
  }
  await clients[0].query('BEGIN');
  await clients[0].query('LOCK TABLE dossier IN EXCLUSIVE MODE');
  await new Promise((resolve) => setTimeout(resolve, holdMs));
  await clients[0].query('COMMIT').catch(() => undefined);
  await release();
  return {
    outcome: {
      detail: `${clients.length} connections taken (then: ${refusal || 'none refused'}), dossier table locked for ${holdMs} ms`,
      problems,
    },
    heal: async () => undefined,
  };
}
