import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CATALOG_SEED } from '../../../libs/persistence/src/seed/catalog.seed';
import type { Actor, Role } from '../../../apps/api/src/identity/access.decorator';

export interface SeededCatalog {
  agencies: Map<string, { id: string; identifier: string; path: string }>;
  procedures: Map<string, { id: string }>;
  actor(agencyIdentifier: string, ...roles: Role[]): Actor;
}

/** Runs the demo catalog seed and indexes agencies by identifier and procedures by national code. */
export async function seedCatalog(dataSource: DataSource): Promise<SeededCatalog> {
  await dataSource.transaction((manager) => CATALOG_SEED.run(manager, () => undefined));
  const agencyRows: Array<{ id: string; identifier: string; path: string }> = await dataSource.query(
    `SELECT id, identifier, path FROM agency`,
  );
  const procedureRows: Array<{ id: string; code: string }> = await dataSource.query(`SELECT id, code FROM procedure`);
  const agencies = new Map(agencyRows.map((row) => [row.identifier, row]));
  const procedures = new Map(procedureRows.map((row) => [row.code, { id: row.id }]));
  return {
    agencies,
    procedures,
    actor(agencyIdentifier: string, ...roles: Role[]): Actor {
      const agency = agencies.get(agencyIdentifier);
      if (!agency) throw new Error(`no agency ${agencyIdentifier}`);
      return {
        userId: randomUUID(),
        username: `user-${agencyIdentifier}`,
        roles,
        agencyId: agency.id,
        agencyPath: agency.path,
      };
    },
  };
}
