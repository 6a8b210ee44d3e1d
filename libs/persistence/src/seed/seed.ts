import type { MotcuaConfig } from '@motcua/config';
import type { EntityManager } from 'typeorm';

/** What `npm run seed` hands every seed: the validated configuration of the target deployment. */
export interface SeedContext {
  config: Pick<MotcuaConfig, 'NODE_ENV'>;
}

/**
 * One area's demo data. Must be idempotent: running the seed twice changes nothing the second time.
 * The seed CLI always passes a context; tests seeding a scratch database may leave it out.
 */
export interface Seed {
  name: string;
  run(manager: EntityManager, log: (line: string) => void, context?: SeedContext): Promise<void>;
}
