/**
 * A seeded pseudo-random generator (mulberry32): the model code never uses
 * Math.random, so the same seed gives the same bagging, the same feature
 * sampling and therefore the same model. 32-bit state is plenty for sampling
 * rows and columns; it is not for cryptography.
 *
 * @example const rng = seededRandom(42); rng(); // 0.6011037519201636
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
