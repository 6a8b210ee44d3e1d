import { Foundation1763790000000 } from './1763790000000-foundation';

/** Every migration, in order. Add new ones at the end (generated with `npm run migration:generate`, reviewed). */
export const MIGRATIONS = [Foundation1763790000000];
