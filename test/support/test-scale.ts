/**
 * How big the scale-shaped tests run. `npm test` (and so CI) runs them at `ci` size: the same properties
 * (out-of-order commits, SIGKILL, FLUSHALL, two processes racing), fewer rows, so the suite stays within its
 * time budget. `npm run test:scale` runs the same files at the size their acceptance criteria name
 * (MOTCUA_TEST_SCALE=full), e.g. 10,000 timers or events and 2,000 concurrent intakes.
 */
export type TestScale = 'ci' | 'full';

export function testScale(): TestScale {
  const value = process.env.MOTCUA_TEST_SCALE ?? 'ci';
  if (value !== 'ci' && value !== 'full') throw new Error(`MOTCUA_TEST_SCALE must be "ci" or "full", not "${value}"`);
  return value;
}

/** `full` at the acceptance size, `ci` otherwise. */
export function scaled(full: number, ci: number): number {
  return testScale() === 'full' ? full : ci;
}
