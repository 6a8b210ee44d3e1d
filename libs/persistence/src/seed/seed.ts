import type { EntityManager } from 'typeorm';

/** One area's demo data. Must be idempotent: running the seed twice changes nothing the second time. */
export interface Seed {
  name: string;
  run(manager: EntityManager, log: (line: string) => void): Promise<void>;
}
