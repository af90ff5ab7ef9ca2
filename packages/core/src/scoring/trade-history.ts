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
 * The trading history rules need as facts, kept in memory and fed in time
 * order: `facts(d)` describes the past before `d`, then `observe(d)` adds
 * `d`. Built once per scoring run from stored declarations, then carried
 * along, so scoring needs no database round trip per declaration.
 *
 * @example
 * const history = new TradeHistory();
 * for (const d of past) history.observe(d);
 * score(d, snapshot, { facts: history.facts(d) }); history.observe(d);
 */
export class TradeHistory {
  private readonly importerTimes = new Map<string, number[]>();
  private readonly buyersOf = new Map<string, Set<string>>();
  private readonly sellersOf = new Map<string, Set<string>>();
  private readonly seen = new Set<string>();

  /** Adds a declaration to history (the same id and version twice counts once). */
  observe(d: Declaration): void {
    const key = `${d.id}\u001f${d.version}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const importer = importerOf(d);
    if (importer) {
      const t = Date.parse(d.lodgedAt);
      const times = this.importerTimes.get(importer);
      if (!times) this.importerTimes.set(importer, [t]);
      else if (t >= times[times.length - 1]!) times.push(t);
      else times.splice(upperBound(times, t), 0, t); // late arrivals keep the list sorted
    }
    const seller = sellerOf(d);
    if (importer && seller) {
      addTo(this.buyersOf, seller, importer);
      addTo(this.sellersOf, importer, seller);
    }
  }

  /** Facts about `d` from the history before it (its own declaration excluded). */
  facts(d: Declaration): TradeFacts {
    const out: TradeFacts = {};
    const importer = importerOf(d);
    if (importer) {
      const t = Date.parse(d.lodgedAt);
      const times = this.importerTimes.get(importer) ?? [];
      const before = lowerBound(times, t);
      out.importerAgeDays = before === 0 ? 0 : Math.floor((t - times[0]!) / DAY_MS);
      out.importerDeclarationsLastYear = before - lowerBound(times, t - 365 * DAY_MS);
      const seller = sellerOf(d);
      if (seller) {
        const buyers = this.buyersOf.get(seller);
        const sellers = this.sellersOf.get(importer);
        out.shipperConsigneeOneToOne = onlyOther(buyers, importer) && onlyOther(sellers, seller);
      }
    }
    return out;
  }
}

function importerOf(d: Declaration): string | undefined {
  return d.importer?.id ?? d.consignee?.id;
}

function sellerOf(d: Declaration): string | undefined {
  return d.seller?.id ?? d.exporter?.id;
}

function addTo(m: Map<string, Set<string>>, k: string, v: string): void {
  const s = m.get(k);
  if (s) s.add(v);
  else m.set(k, new Set([v]));
}

/** True when the set is empty or holds only `x`. */
function onlyOther(s: Set<string> | undefined, x: string): boolean {
  return !s || s.size === 0 || (s.size === 1 && s.has(x));
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
