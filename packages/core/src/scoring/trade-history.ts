import type { Declaration } from '../domain/declaration.ts';

const DAY_MS = 86_400_000;

/** The facts `TradeHistory` supplies to rules (`facts.*`); see DEFAULT_FACT_TYPES in the rule language. */
export interface TradeFacts {
  /** The seller has shipped only to this importer and the importer received only from this seller (so far). */
  shipperConsigneeOneToOne?: boolean;
  /** Days since the importer's first declaration; 0 for a newcomer. */
  importerAgeDays?: number;
  /** The importer's declarations in the 365 days before this one. */
  importerDeclarationsLastYear?: number;
}

/**
 * The trading history rules need as facts, kept in memory. `facts(d)`
 * describes only what was lodged before `d` (strictly earlier), whatever
 * order declarations are observed in, so history can be loaded whole from
 * the store (later declarations included) without leaking the future into
 * the facts. Built once per scoring run, then carried along: no database
 * round trip per declaration.
 *
 * @example
 * const history = new TradeHistory();
 * for (const d of stored) history.observe(d);
 * score(d, snapshot, { facts: history.facts(d) }); history.observe(d);
 */
export class TradeHistory {
  private readonly importerTimes = new Map<string, number[]>();
  /** Per seller, its two earliest importers; per importer, its two earliest sellers. */
  private readonly buyersOf = new Map<string, EarliestTwo>();
  private readonly sellersOf = new Map<string, EarliestTwo>();
  private readonly seen = new Set<string>();

  /** Adds a declaration to history (the same id and version twice counts once). */
  observe(d: Declaration): void {
    const key = `${d.id}\u001f${d.version}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const t = Date.parse(d.lodgedAt);
    const importer = importerOf(d);
    if (importer) {
      const times = this.importerTimes.get(importer);
      if (!times) this.importerTimes.set(importer, [t]);
      else if (t >= times[times.length - 1]!) times.push(t);
      else times.splice(upperBound(times, t), 0, t); // late arrivals keep the list sorted
    }
    const seller = sellerOf(d);
    if (importer && seller) {
      earliest(this.buyersOf, seller, importer, t);
      earliest(this.sellersOf, importer, seller, t);
    }
  }

  /** Facts about `d` from the declarations lodged before it. */
  facts(d: Declaration): TradeFacts {
    const out: TradeFacts = {};
    const importer = importerOf(d);
    if (!importer) return out;
    const t = Date.parse(d.lodgedAt);
    const times = this.importerTimes.get(importer) ?? [];
    const before = lowerBound(times, t);
    out.importerAgeDays = before === 0 ? 0 : Math.floor((t - times[0]!) / DAY_MS);
    out.importerDeclarationsLastYear = before - lowerBound(times, t - 365 * DAY_MS);
    const seller = sellerOf(d);
    if (seller) {
      out.shipperConsigneeOneToOne =
        onlyPartner(this.buyersOf.get(seller), importer, t) &&
        onlyPartner(this.sellersOf.get(importer), seller, t);
    }
    return out;
  }
}

/** The two partners first seen earliest, with when. */
interface EarliestTwo {
  a: string;
  ta: number;
  b?: string;
  tb: number;
}

function earliest(m: Map<string, EarliestTwo>, key: string, partner: string, t: number): void {
  const e = m.get(key);
  if (!e) {
    m.set(key, { a: partner, ta: t, tb: Number.POSITIVE_INFINITY });
    return;
  }
  if (partner === e.a) e.ta = Math.min(e.ta, t);
  else if (partner === e.b) e.tb = Math.min(e.tb, t);
  else if (t < e.tb) {
    e.b = partner;
    e.tb = t;
  } else return;
  if (e.b !== undefined && e.tb < e.ta) {
    const [a, ta] = [e.a, e.ta];
    e.a = e.b;
    e.ta = e.tb;
    e.b = a;
    e.tb = ta;
  }
}

/** True when, before `t`, the only partner (if any) was `x`. */
function onlyPartner(e: EarliestTwo | undefined, x: string, t: number): boolean {
  if (!e || e.ta >= t) return true;
  if (e.a !== x) return false;
  return e.b === undefined || e.tb >= t;
}

function importerOf(d: Declaration): string | undefined {
  return d.importer?.id ?? d.consignee?.id;
}

function sellerOf(d: Declaration): string | undefined {
  return d.seller?.id ?? d.exporter?.id;
}

/** First index whose value is >= t. */
function lowerBound(xs: readonly number[], t: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is > t. */
function upperBound(xs: readonly number[], t: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
