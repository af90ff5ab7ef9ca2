/**
 * Seeded pseudo-random numbers for the synthetic data generator.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counter, 128-bit
 * state, passes PractRand and BigCrush), seeded through a murmur3 finaliser.
 * We keep our own rather than a package because the data sets must be
 * byte-identical for a seed on every Node version and platform: sfc32 uses
 * only 32-bit integer arithmetic (`Math.imul`, shifts), so nothing depends on
 * the engine, and it is a dozen lines that V8 inlines (hundreds of millions of
 * draws per second, which the 100,000 declarations/s target needs). The float
 * helpers use `Math.log`, `Math.exp`, `Math.pow`, `Math.sqrt`, `Math.cos`,
 * which V8 computes with its own fdlibm port, so they are platform-independent too.
 *
 * @example
 * const rng = new Random(42);
 * rng.int(6); // 0..5, the same on every machine for seed 42
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A stream for `seed`; extra `keys` derive an independent stream (`new Random(seed, 'party', 17)`). */
  constructor(seed: number | string, ...keys: readonly (number | string)[]) {
    const h = hash32(seed, ...keys);
    this.a = hash32(h, 1);
    this.b = hash32(h, 2);
    this.c = hash32(h, 3);
    this.d = 1;
    // sfc32 mixes poorly in its first draws; discard them as its author recommends.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** An integer in [lo, hi], both included. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** A float in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + this.float() * (hi - lo);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** A standard normal draw (Box-Muller; one draw per call keeps the stream simple to reason about). */
  normal(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }

  /** A log-normal factor with median 1: `exp(sigma * N(0,1))`. */
  spread(sigma: number): number {
    return Math.exp(sigma * this.normal());
  }

  /**
   * A 0-based rank in [0, n) with P(rank r) roughly proportional to (r+1)^-s:
   * the long tail of trade (a few importers lodge most declarations). Inverse
   * of the continuous power law, so it costs O(1) whatever n is.
   */
  zipf(n: number, s: number): number {
    return zipfRank(this.float(), n, s);
  }

  /** A geometric count >= 1 with mean `mean`. */
  count(mean: number, max = Number.POSITIVE_INFINITY): number {
    if (mean <= 1) return 1;
    const p = 1 / mean;
    const n = 1 + Math.floor(Math.log(1 - this.float()) / Math.log(1 - p));
    return Math.min(n, max);
  }
}

/** The Zipf rank in [0, n) for a uniform `u` in [0, 1); see {@link Random.zipf}. */
export function zipfRank(u: number, n: number, s: number): number {
  const r = s === 1 ? Math.exp(u * Math.log(n + 1)) : (((n + 1) ** (1 - s) - 1) * u + 1) ** (1 / (1 - s));
  return Math.min(n - 1, Math.max(0, Math.floor(r) - 1));
}

/**
 * A Zipf ranking of `n` items with exponent `s`, constants computed once: the
 * draws of {@link zipfRank} with one power instead of three.
 *
 * @example const importers = new Zipf(50_000, 1.1); importers.rank(rng.float())
 */
export class Zipf {
  private readonly a: number;
  private readonly b: number;

  constructor(
    readonly n: number,
    private readonly s: number,
  ) {
    this.a = s === 1 ? Math.log(n + 1) : (n + 1) ** (1 - s) - 1;
    this.b = s === 1 ? 0 : 1 / (1 - s);
  }

  /** The rank in [0, n) for a uniform `u` in [0, 1). */
  rank(u: number): number {
    const r = this.s === 1 ? Math.exp(u * this.a) : (this.a * u + 1) ** this.b;
    return Math.min(this.n - 1, Math.max(0, Math.floor(r) - 1));
  }
}

/**
 * A 32-bit hash of two 32-bit numbers: {@link hash32} without its argument
 * array, for the per-declaration hot paths.
 *
 * @example hashPair(importerHash, commoditySalt)
 */
export function hashPair(a: number, b: number): number {
  return fmix(mix(mix(0x9e3779b9, a >>> 0), b >>> 0));
}

/** A uniform float in [0, 1) from a hash of `parts` (see {@link hash32}). */
export function hashFloat(...parts: readonly (number | string)[]): number {
  return hash32(...parts) / 4294967296;
}

/**
 * A 32-bit hash of numbers and strings (murmur3 mixing). Used to seed streams
 * and to derive stable per-record attributes without keeping them in memory.
 *
 * @example hash32(42, 'importer', 7) // same value on every run
 */
export function hash32(...parts: readonly (number | string)[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    if (typeof p === 'number') {
      h = mix(h, p >>> 0);
      h = mix(h, Math.floor(p / 4294967296) >>> 0);
    } else {
      for (let i = 0; i < p.length; i++) h = mix(h, p.charCodeAt(i));
      h = mix(h, p.length);
    }
  }
  return fmix(h);
}

function mix(h: number, k: number): number {
  let x = Math.imul(k, 0xcc9e2d51);
  x = (x << 15) | (x >>> 17);
  x = Math.imul(x, 0x1b873593);
  const y = h ^ x;
  return (Math.imul((y << 13) | (y >>> 19), 5) + 0xe6546b64) | 0;
}

function fmix(h0: number): number {
  let h = h0 ^ (h0 >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A weighted choice built once and drawn from many times (binary search over
 * cumulative weights).
 *
 * @example new Weighted([['sea', 7], ['air', 3]]).draw(rng) // 'sea' 70% of the time
 */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    const kept = entries.filter(([, w]) => w > 0);
    if (kept.length === 0) throw new RangeError('Weighted: expected at least one positive weight');
    this.items = kept.map(([item]) => item);
    this.cumulative = new Float64Array(kept.length);
    let sum = 0;
    kept.forEach(([, w], i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  draw(rng: Random): T {
    const x = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}
