import { CATALOG_SEED } from './catalog.seed';
import { USERS_SEED } from './users.seed';
import { PROCESS_DEFINITION_SEED } from './process-definition.seed';
import type { Seed } from './seed';

/** Every seed, in dependency order (agencies before users and procedures...). Add one line per area. */
export const SEEDS: Seed[] = [CATALOG_SEED, USERS_SEED, PROCESS_DEFINITION_SEED];

export type { Seed, SeedContext } from './seed';
export { CATALOG_SEED, DEMO_AGENCIES, DEMO_PROCEDURES } from './catalog.seed';
export { PROCESS_DEFINITION_SEED, demoSequentialDefinition, demoParallelDefinition } from './process-definition.seed';
export { USERS_SEED, DEMO_USERS, demoUserLines } from './users.seed';
export type { DemoUser } from './users.seed';
