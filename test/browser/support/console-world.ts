import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { SEEDS } from '@motcua/persistence';
import { AgencyQueueWorkers } from '../../../apps/workflow/src/connectors/agency-queue-workers';
import { createTestUser, authHeader, TestUser } from '../../support/auth';
import { startTestServices, TestServices } from '../../support/test-services';

/** The API and workers in-process on a fresh database with the demo seeds (catalog, users, definitions). */
export interface ConsoleWorld {
  services: TestServices;
  baseUrl: string;
  /** Demo users of the seed (username → password). */
  demo: Record<'desk' | 'officer' | 'lead' | 'supervisor' | 'admin', { username: string; password: string }>;
  agencyId(identifier: string): Promise<string>;
  userAt(identifier: string, role: 'agency_officer' | 'agency_lead'): Promise<TestUser>;
  http(): ReturnType<typeof request>;
  auth(user: TestUser): Promise<{ Authorization: string }>;
}

export async function startConsoleWorld(): Promise<ConsoleWorld> {
  const services = await startTestServices({ SIMULATED_CONNECTOR_LATENCY_MS: '0' });
  for (const seed of SEEDS) {
    await services.dataSource.transaction((manager) => seed.run(manager, () => undefined, { config: services.config }));
  }
  // Agencies were seeded after boot: open their queue workers now rather than at the next periodic refresh.
  await services.workflow.get(AgencyQueueWorkers).refresh();
  const { port } = services.api.getHttpServer().address() as AddressInfo;
  const agencyId = async (identifier: string): Promise<string> =>
    (await services.dataSource.query(`SELECT id FROM agency WHERE identifier = $1`, [identifier]))[0].id;
  return {
    services,
    baseUrl: `http://127.0.0.1:${port}`,
    demo: {
      desk: { username: 'desk.anbinh', password: 'demo-desk-anbinh' },
      officer: { username: 'officer.land', password: 'demo-officer-land' },
      lead: { username: 'lead.land', password: 'demo-lead-land' },
      supervisor: { username: 'supervisor.province', password: 'demo-supervisor-province' },
      admin: { username: 'admin', password: 'demo-admin' },
    },
    agencyId,
    userAt: async (identifier, role) =>
      createTestUser(services.dataSource, { roles: [role], agencyId: await agencyId(identifier) }),
    http: () => request(services.api.getHttpServer()),
    auth: (user) => authHeader(services, user),
  };
}
