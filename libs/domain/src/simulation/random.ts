/**
 * Seeded pseudo-random numbers for the simulator: the same seed gives the same draws on every machine
 * (no Math.random). mulberry32 for streams, a 32-bit integer mix to derive independent sub-streams, so a
 * dossier keeps its own draws when a scenario changes other dossiers (common random numbers).
 */
export type Random = () => number;

/** 32-bit integer mix (murmur3 finaliser). */
export function mix32(value: number): number {
  let h = value | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A seed derived from a parent seed and any number of integer keys. */
export function deriveSeed(seed: number, ...keys: number[]): number {
  let h = mix32(seed ^ 0x9e3779b9);
  for (const key of keys) h = mix32((h + Math.imul(key | 0, 0x27d4eb2d)) ^ 0x165667b1);
  return h;
}

/** 32-bit hash of a string (FNV-1a), to key sub-streams by step ids. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: a small, fast, seeded generator of uniform numbers in [0, 1). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One mulberry32 generator whose stream can be restarted at another seed without allocating: `reseed(seed)` then
 * draw with `random` (the same numbers as `seededRandom(seed)`). For hot loops that use each stream at once.
 */
export class ReseedableRandom {
  private state = 0;
  readonly random: Random = () => {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  reseed(seed: number): Random {
    this.state = seed >>> 0;
    return this.random;
  }
}

/** Standard normal draw (Box–Muller). */
export function normal(random: Random): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Log-normal with the given median and shape (sigma of the underlying normal). */
export function logNormal(random: Random, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(random));
}

/** Poisson count (Knuth for small means, a rounded normal approximation above 60). */
export function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(random)));
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random();
  while (product > limit) {
    count++;
    product *= random();
  }
  return count;
}

/** Index picked with probability proportional to its weight. */
export function pickWeighted(random: Random, cumulativeWeights: readonly number[]): number {
  const total = cumulativeWeights[cumulativeWeights.length - 1];
  const target = random() * total;
  let low = 0;
  let high = cumulativeWeights.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulativeWeights[middle] > target) high = middle;
    else low = middle + 1;
  }
  return low;
}
