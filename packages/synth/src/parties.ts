import type { Party, PartyIdentifier } from '@sieve/core';
import { COUNTRIES, country } from './data/countries.ts';
import type { Carrier } from './data/transport.ts';
import { businessNumber, code7, pad, permute } from './ids.ts';
import { brokerName, companyName, type PartyName, personName, streetAddress } from './party-names.ts';
import type { Rates } from './patterns.ts';
import { hash32, hashPair, Random, Zipf } from './random.ts';

/** A party and what the generator knows about it that the data do not say. */
export interface PartyRecord {
  readonly party: Party;
  /** The name in the other script (Latin if `party.name` is native, native otherwise). */
  readonly otherName?: string;
  readonly names: PartyName;
  /** A repeat offender (importers and declarants only). */
  readonly offender: boolean;
  /** Five-digit broker code that starts declaration numbers (declarants only). */
  readonly code: string;
  /**
   * How a declaration names the party when registered parties are given by
   * reference: just its id, for a party of the party register (traders,
   * brokers and persons registered in Korea, carriers); absent for foreign
   * parties, one-off parties and lookout aliases, whose name and address the
   * declaration carries, as real declarations do.
   */
  readonly reference?: Party;
  /** A stable 32-bit hash of the party, to derive its habits (usual broker, usual suppliers) cheaply. */
  readonly hash: number;
  /** The seller's price level relative to the market (0.8-1.2): some sell dear, some cheap. */
  readonly priceLevel: number;
  /** Where the importer's usual broker sits in the brokers' Zipf ranking (a uniform in [0, 1)). */
  readonly brokerU: number;
}

type Role = 'IMP' | 'DCL' | 'SEL' | 'FWD' | 'LGX' | 'PER';
// A Map, not an object: a keyed load with varying string keys goes megamorphic in V8.
const ROLE_INDEX: ReadonlyMap<Role, number> = new Map<Role, number>([
  ['IMP', 0],
  ['DCL', 1],
  ['SEL', 2],
  ['FWD', 3],
  ['LGX', 4],
  ['PER', 5],
]);
const COUNTRY_INDEX = new Map(COUNTRIES.map((c, i) => [c.code, i]));

// Indices reserved outside the pools, so special parties get ids from the same
// space. Pools hold at most 100,000 parties; indices stay below 2^21 so that a
// (role, country, index) key fits in a small integer.
const FRONT_BASE = 1_000_000;
const LOOKOUT_BASE = 1_010_000;
const ONE_OFF_BASE = 1_020_000;
const ONE_OFF_ROOM = 2_097_152 - ONE_OFF_BASE;

/**
 * Slots of the party cache (2^18, two-way). Parties are remade from their seed
 * on a miss, so memory stays bounded however many distinct parties a run
 * meets. The pools (at most ~155,000 parties) nearly fit: remaking is rare,
 * since each remade party is garbage for the old generation later, and the
 * live heap levels off near 120 MB.
 */
const CACHE_BITS = 18;

/** A pool of parties of one role in one country: size, Zipf ranking, id salt and emitted flags. */
class Pool {
  /** One byte per party: 1 once emitted, so each party is emitted once, at first use. */
  readonly emitted: Uint8Array;
  readonly zipf: Zipf;

  constructor(
    readonly role: Role,
    readonly cc: string,
    /** Small integer for cache keys: role and country. */
    readonly key: number,
    readonly size: number,
    readonly salt: number,
    s: number,
  ) {
    this.emitted = new Uint8Array(size);
    this.zipf = new Zipf(Math.max(1, size), s);
  }
}

/** Chance that a party writes its name in its own script rather than in Latin letters. */
const NATIVE_SHARE: Readonly<Record<string, number>> = {
  ko: 0.35,
  zh: 0.15,
  ja: 0.2,
  vi: 0.3,
  ru: 0.3,
  ar: 0.2,
};

/**
 * The parties of a data set, made on first use from a hash of (seed, role,
 * country, index), so a pool of 100,000 importers costs nothing until drawn
 * and the same index is always the same party. Activity is long-tailed (Zipf):
 * a few importers, brokers and sellers account for most declarations, and each
 * commodity has its own leading importers.
 *
 * @example
 * const book = new PartyBook(42, 10_000, DEFAULT_RATES, sellerShares);
 * const importer = book.importer(rng, '090111');
 * book.take(); // parties made since the last call, to emit before they are referenced
 */
export class PartyBook {
  /** Two-way set-associative cache of pooled parties: key (pool, index) and record per slot. */
  private readonly cacheKeys: Int32Array;
  private readonly cacheRecords: (PartyRecord | undefined)[];
  /** Per set, the way used last. */
  private readonly recent: Uint8Array;
  private readonly cacheBits: number;
  /** Fronts and one-offs: few, kept for the whole run. */
  private readonly specials = new Map<number, PartyRecord>();
  private readonly offenderIds: string[] = [];
  private readonly brokerSalt: number;
  private readonly importerSalts = new Map<string, number>();
  private readonly sellerSalts = new Map<string, number>();
  private readonly carriers = new Map<string, PartyRecord>();
  private fresh: Party[] = [];
  private readonly unannounced = new Set<PartyRecord>();
  private oneOffs = 0;
  readonly sizes: {
    readonly importers: number;
    readonly persons: number;
    readonly declarants: number;
    readonly forwarders: number;
  };
  private readonly sellerSizes: ReadonlyMap<string, number>;
  private readonly importers: Pool;
  private readonly persons: Pool;
  private readonly declarants: Pool;
  private readonly logisticsPool: Pool;
  /** Seller and forwarder pools by country, made when a country is first met. */
  private readonly sellers = new Map<string, Pool>();
  private readonly forwarders = new Map<string, Pool>();

  constructor(
    private readonly seed: number | string,
    count: number,
    private readonly rates: Rates,
    sellerShares: ReadonlyMap<string, number>,
    /** Cache slots as a power of two (at least 2); tests make it tiny to exercise eviction. */
    cacheBits = CACHE_BITS,
  ) {
    this.cacheBits = Math.max(2, cacheBits);
    this.cacheKeys = new Int32Array(1 << this.cacheBits).fill(-1);
    this.cacheRecords = new Array(1 << this.cacheBits);
    this.recent = new Uint8Array(1 << (this.cacheBits - 1));
    const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(x)));
    this.sizes = {
      importers: clamp(count / 5, 30, 60_000),
      persons: clamp(count / 20, 20, 30_000),
      declarants: clamp(count / 400, 10, 3_000),
      forwarders: clamp(count / 2_000, 8, 300),
    };
    this.brokerSalt = hash32(seed, 'broker');
    const sellers = clamp(count / 12, 50, 60_000);
    this.sellerSizes = new Map(
      [...sellerShares].map(([cc, share]) => [cc, clamp(sellers * share, 3, 100_000)]),
    );
    this.importers = this.pool('IMP', 'KR', this.sizes.importers, 1.1);
    this.persons = this.pool('PER', 'KR', this.sizes.persons, 0.6);
    this.declarants = this.pool('DCL', 'KR', this.sizes.declarants, 1.1);
    this.logisticsPool = this.pool('LGX', 'KR', this.sizes.forwarders * 2, 1);
  }

  /** An importer of `hs`: the commodity's leading importers most of the time, the overall leaders otherwise. */
  importer(rng: Random, hs: string): PartyRecord {
    const pool = this.importers;
    const rank = pool.zipf.rank(rng.float());
    const idx = rng.chance(0.35) ? rank : permute(rank, this.salt(this.importerSalts, 'IMP', hs)) % pool.size;
    return this.get(pool, idx);
  }

  /** A private individual importing for personal use (a few times each). */
  person(rng: Random): PartyRecord {
    return this.get(this.persons, this.persons.zipf.rank(rng.float()));
  }

  /** The importer's usual customs broker (85%), or any broker. */
  declarantFor(rng: Random, importer: PartyRecord): PartyRecord {
    const u = rng.chance(0.85) ? importer.brokerU : rng.float();
    return this.get(this.declarants, this.declarants.zipf.rank(u));
  }

  /** A seller in `cc` of `hs`: the importer's regular supplier (70%), or another seller of the commodity. */
  seller(rng: Random, cc: string, hs: string, importer: PartyRecord): PartyRecord {
    const pool = this.sellerPool(cc);
    const salt = this.salt(this.sellerSalts, 'SEL', hs);
    const u = rng.chance(0.7) ? hashPair(importer.hash, salt) / 4294967296 : rng.float();
    return this.get(pool, permute(pool.zipf.rank(u), salt) % pool.size);
  }

  /** One of a few front companies in `cc` that re-export Chinese goods under their own origin. */
  front(rng: Random, cc: string): PartyRecord {
    return this.get(this.sellerPool(cc), FRONT_BASE + rng.int(6));
  }

  /** A freight forwarder in `cc` (consolidator of LCL and air shipments). */
  forwarder(rng: Random, cc: string): PartyRecord {
    let pool = this.forwarders.get(cc);
    if (!pool) {
      const size = cc === 'KR' ? this.sizes.forwarders : Math.max(3, Math.round(this.sizes.forwarders / 4));
      pool = this.pool('FWD', cc, size, 1);
      this.forwarders.set(cc, pool);
    }
    return this.get(pool, pool.zipf.rank(rng.float()));
  }

  /** A Korean logistics company that receives goods on behalf of the importer. */
  logistics(rng: Random): PartyRecord {
    return this.get(this.logisticsPool, this.logisticsPool.zipf.rank(rng.float()));
  }

  /** A party seen once: a new company (or person) with no history, as smugglers use. */
  oneOff(role: 'SEL' | 'IMP' | 'PER', cc: string): PartyRecord {
    return this.get(this.poolOf(role, cc), ONE_OFF_BASE + (this.oneOffs++ % ONE_OFF_ROOM));
  }

  /**
   * A party for lookout target `k`, named `shown` (the variant written on
   * declarations). Made now, so the list can quote its identifiers, but emitted
   * only when {@link announce}d on first use: otherwise the first parties of a
   * data set would be the lookout targets.
   */
  lookoutAlias(
    role: 'SEL' | 'IMP' | 'PER',
    cc: string,
    k: number,
    names: PartyName,
    shown: string,
  ): PartyRecord {
    const base = this.make(this.poolOf(role, cc), LOOKOUT_BASE + k, names);
    const record: PartyRecord = { ...base, party: { ...base.party, name: shown } };
    this.unannounced.add(record);
    return record;
  }

  /** Marks a lookout alias as used: it is emitted with the next {@link take}. */
  announce(record: PartyRecord): void {
    if (this.unannounced.delete(record)) this.fresh.push(record.party);
  }

  /** The party of a carrier from the fixed carrier table. */
  carrier(c: Carrier): PartyRecord {
    const found = this.carriers.get(c.id);
    if (found) return found;
    const scheme = /^\d+$/.test(c.code) ? 'IATA-PREFIX' : 'SCAC';
    const party: Party = {
      id: c.id,
      name: c.name,
      country: c.country,
      identifiers: [{ scheme, value: c.code }],
    };
    const record = {
      party,
      reference: { id: c.id },
      names: { latin: c.name },
      offender: false,
      code: c.code,
      hash: hash32(c.id),
      priceLevel: 1,
      brokerU: 0,
    };
    this.carriers.set(c.id, record);
    this.fresh.push(party);
    return record;
  }

  /** Parties made since the last call, in the order they were made. */
  take(): Party[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }

  /** Ids of the repeat offenders met so far, in order of first use (for party-level truth). */
  offenders(): readonly string[] {
    return this.offenderIds;
  }

  private pool(role: Role, cc: string, size: number, s: number): Pool {
    // Small integer keys: building a string key for every draw was a tenth of the generator's time.
    const key = (ROLE_INDEX.get(role) as number) * 64 + (COUNTRY_INDEX.get(cc) ?? 63);
    return new Pool(role, cc, key, size, hash32(this.seed, role, cc), s);
  }

  private sellerPool(cc: string): Pool {
    let pool = this.sellers.get(cc);
    if (!pool) {
      pool = this.pool('SEL', cc, this.sellerSizes.get(cc) ?? 3, 1);
      this.sellers.set(cc, pool);
    }
    return pool;
  }

  private poolOf(role: 'SEL' | 'IMP' | 'PER', cc: string): Pool {
    if (role === 'SEL') return this.sellerPool(cc);
    if (cc !== 'KR') throw new Error(`synth: no ${role} pool for ${cc}`);
    return role === 'IMP' ? this.importers : this.persons;
  }

  private salt(cache: Map<string, number>, role: string, hs: string): number {
    let salt = cache.get(hs);
    if (salt === undefined) {
      salt = hash32(this.seed, role, hs);
      cache.set(hs, salt);
    }
    return salt;
  }

  private get(pool: Pool, idx: number): PartyRecord {
    if (idx >= FRONT_BASE) return this.special(pool, idx);
    const key = pool.key * 2_097_152 + idx;
    // Two-way set-associative: a set holds two parties; a miss replaces the one used less recently.
    const set = Math.imul(key, 0x9e3779b1) >>> (33 - this.cacheBits);
    const a = set * 2;
    if (this.cacheKeys[a] === key) {
      this.recent[set] = 0;
      return this.cacheRecords[a] as PartyRecord;
    }
    if (this.cacheKeys[a + 1] === key) {
      this.recent[set] = 1;
      return this.cacheRecords[a + 1] as PartyRecord;
    }
    const record = this.make(pool, idx);
    const way = 1 - (this.recent[set] as number);
    this.cacheKeys[a + way] = key;
    this.cacheRecords[a + way] = record;
    this.recent[set] = way;
    if (pool.emitted[idx] === 0) {
      pool.emitted[idx] = 1;
      this.firstUse(record);
    }
    return record;
  }

  private special(pool: Pool, idx: number): PartyRecord {
    const key = pool.key * 2_097_152 + idx;
    let record = this.specials.get(key);
    if (!record) {
      record = this.make(pool, idx);
      this.specials.set(key, record);
      this.firstUse(record);
    }
    return record;
  }

  private firstUse(record: PartyRecord): void {
    this.fresh.push(record.party);
    if (record.offender) this.offenderIds.push(record.party.id);
  }

  private make(pool: Pool, idx: number, given?: PartyName): PartyRecord {
    // Everything about a party derives from (pool salt, index): remaking it gives the same party.
    const { role, cc, salt } = pool;
    const rng = new Random(salt, idx);
    const person = role === 'PER';
    const names =
      given ??
      (role === 'DCL'
        ? brokerName(rng)
        : person
          ? personName(rng, cc)
          : companyName(rng, cc, role === 'FWD' || role === 'LGX' ? 'Logistics' : undefined));
    const useNative = names.native !== undefined && rng.chance(NATIVE_SHARE[country(cc).lang] ?? 0);
    const code = String(10000 + (permute(idx, this.brokerSalt) % 90000));
    const party: Party = {
      id: `${cc}-${role}-${code7(idx, salt)}`,
      name: useNative ? names.native : names.latin,
      address: streetAddress(rng, cc),
      country: cc,
      identifiers: identifiers(rng, cc, role, names.latin, code),
    };
    const offenderRate =
      role === 'IMP' ? this.rates.offenderImporters : role === 'DCL' ? this.rates.offenderDeclarants : 0;
    // Large firms have compliance departments; offenders are found among the rest.
    const busiest = role === 'IMP' ? 10 : Math.max(3, Math.floor(this.sizes.declarants / 10));
    const hash = hashPair(salt, idx);
    return {
      party,
      reference: cc === 'KR' && idx < LOOKOUT_BASE ? { id: party.id } : undefined,
      names,
      otherName: useNative ? names.latin : names.native,
      offender: idx >= busiest && idx < FRONT_BASE && hashPair(hash, 2) / 4294967296 < offenderRate,
      code,
      hash,
      priceLevel: 0.8 + (0.4 * hashPair(hash, 3)) / 4294967296,
      brokerU: hashPair(hash, 4) / 4294967296,
    };
  }
}

const EU = new Set(['DE', 'NL', 'BE', 'FR', 'IT', 'ES', 'GR', 'PL', 'SE', 'DK', 'IE']);

function identifiers(rng: Random, cc: string, role: Role, latin: string, code: string): PartyIdentifier[] {
  const digits = (n: number) => {
    let out = '';
    for (let left = n; left > 0; left -= 9) {
      const k = Math.min(9, left);
      out += pad(rng.int(10 ** k), k);
    }
    return out;
  };
  if (cc === 'KR') {
    if (role === 'PER') return [{ scheme: 'KR-PCCC', value: `P${digits(12)}` }];
    let abbr = '';
    for (let i = 0; i < latin.length && abbr.length < 6; i++) {
      const ch = latin.charCodeAt(i) & ~32; // upper case
      if (ch >= 65 && ch <= 90) abbr += String.fromCharCode(ch);
    }
    abbr = abbr.padEnd(6, 'X');
    const ids = [
      { scheme: 'KR-BRN', value: businessNumber(rng.int(1_000_000_000)) },
      { scheme: 'KR-CCC', value: `${abbr}1${digits(8)}` },
    ];
    if (role === 'DCL') ids.push({ scheme: 'KR-BROKER', value: code });
    return ids;
  }
  if (role === 'PER') return [];
  if (cc === 'CN')
    return [{ scheme: 'CN-USCI', value: `91${digits(6)}MA${digits(9)}${pad(rng.int(10), 1)}` }];
  if (EU.has(cc)) return [{ scheme: 'EORI', value: `${cc}${digits(12)}` }];
  if (cc === 'US') return [{ scheme: 'US-EIN', value: `${digits(2)}-${digits(7)}` }];
  return [{ scheme: 'TIN', value: `${cc}${digits(10)}` }];
}
