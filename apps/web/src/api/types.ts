import type { components } from './schema';

/** A schema of the API's OpenAPI document (generated into schema.d.ts at build time; never hand-copied). */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export type Session = Schema<'SessionDto'>;
export type Actor = Schema<'ActorDto'>;
export type Role = Actor['roles'][number];
