import type { Seed } from './seed';

/** Every seed, in dependency order (agencies before users and procedures...). Add one line per area. */
export const SEEDS: Seed[] = [
];

export type { Seed } from './seed';
