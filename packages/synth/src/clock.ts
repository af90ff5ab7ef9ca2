/** Korea Standard Time is UTC+9 all year (no daylight saving), so office hours are fixed in UTC. */
const KST_OFFSET_HOURS = 9;
const HOUR_MS = 3_600_000;

/**
 * Lodgement times for `count` declarations over `days` days from `start`,
 * increasing with the declaration index and dense in office hours (Korean
 * weekdays 08:00-19:00), thin at night and at weekends. Each hour of the span
 * gets a weight; declaration i falls at fraction (i + jitter) / count of the
 * cumulative weight. O(1) per call when called in order.
 *
 * @example const clock = new Clock('2026-01-01', 90, 1000); clock.at(0, 0.5) // ms since epoch
 */
export class Clock {
  private readonly startMs: number;
  private readonly cumulative: Float64Array;
  private hour = 0;

  constructor(
    start: string,
    days: number,
    private readonly count: number,
  ) {
    this.startMs = Date.parse(`${start}T00:00:00Z`);
    const hours = Math.max(1, Math.round(days * 24));
    this.cumulative = new Float64Array(hours + 1);
    for (let h = 0; h < hours; h++) {
      this.cumulative[h + 1] = (this.cumulative[h] as number) + hourWeight(this.startMs + h * HOUR_MS);
    }
  }

  /** Time of declaration `index` (0-based) in ms since the epoch, whole seconds; `jitter` in [0, 1). */
  at(index: number, jitter: number): number {
    const total = this.cumulative[this.cumulative.length - 1] as number;
    const target = (Math.min(index + jitter, this.count) / Math.max(1, this.count)) * total;
    // Declarations come in order, so the hour only moves forward; reset if asked out of order.
    if (target < (this.cumulative[this.hour] as number)) this.hour = 0;
    while (this.hour < this.cumulative.length - 2 && (this.cumulative[this.hour + 1] as number) <= target)
      this.hour++;
    const lo = this.cumulative[this.hour] as number;
    const width = (this.cumulative[this.hour + 1] as number) - lo;
    const within = width > 0 ? (target - lo) / width : 0;
    return Math.floor((this.startMs + (this.hour + within) * HOUR_MS) / 1000) * 1000;
  }

  /** End of the span, ms since the epoch. */
  get endMs(): number {
    return this.startMs + (this.cumulative.length - 1) * HOUR_MS;
  }
}

function hourWeight(utcMs: number): number {
  const local = new Date(utcMs + KST_OFFSET_HOURS * HOUR_MS);
  const day = local.getUTCDay();
  const hour = local.getUTCHours();
  const office = hour >= 8 && hour < 19;
  const shoulder = (hour >= 6 && hour < 8) || (hour >= 19 && hour < 23);
  const base = office ? 1 : shoulder ? 0.3 : 0.05;
  return day === 0 ? base * 0.1 : day === 6 ? base * 0.25 : base;
}

const DAY_MS = 86_400_000;
let cachedDay = Number.NaN;
let cachedPrefix = '';

/**
 * `ms` since the epoch as ISO 8601 UTC, exactly as `Date#toISOString` writes
 * it (the form the core schemas normalise to). Hand-formatted with the date
 * part cached, because `toISOString` is the single most expensive call when
 * a million declarations each carry several timestamps.
 *
 * @example iso(Date.parse('2026-01-02T03:04:05Z')) // '2026-01-02T03:04:05.000Z'
 */
export function iso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  const rest = ms - day * DAY_MS;
  const minute = Math.floor(rest / 60_000);
  const milli = rest - minute * 60_000;
  // Whole seconds (all the generator writes) take the precomputed ":SS.000Z" tails.
  const tail =
    milli % 1000 === 0
      ? SECOND_TAILS[milli / 1000]
      : `:${two(Math.floor(milli / 1000))}.${`${milli % 1000}`.padStart(3, '0')}Z`;
  return cachedPrefix + (MINUTES[minute] as string) + tail;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** "HH:MM" for each minute of a day. */
const MINUTES: readonly string[] = Array.from(
  { length: 1440 },
  (_, m) => `${two(Math.floor(m / 60))}:${two(m % 60)}`,
);

/** ":SS.000Z" for each second of a minute. */
const SECOND_TAILS: readonly string[] = Array.from({ length: 60 }, (_, s) => `:${two(s)}.000Z`);
