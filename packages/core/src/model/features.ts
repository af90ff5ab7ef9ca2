import type { DeclarationFacts } from './declaration-facts.ts';
import type { ProfileGroup } from './profile-groups.ts';
import {
  GROUP_BAND,
  GROUP_CRITICAL,
  GROUP_PARTY,
  logUnitValue,
  type ProfileState,
  STAT,
} from './profile-state.ts';

/**
 * Pseudo-count of the smoothed finding rate: a profile's rate is
 * (findings + m * overall rate) / (inspections + m), so an importer with one
 * inspection and one finding is not scored as 100% risky.
 */
export const PRIOR_STRENGTH = 10;

/** Kind of a feature, used to phrase explanations for an officer. */
export type FeatureKind = 'rate' | 'count' | 'critical' | 'age' | 'recency' | 'band' | 'value' | 'calendar';

/** One model input. `group` names the profile it comes from, if any. */
export interface FeatureInfo {
  readonly name: string;
  readonly kind: FeatureKind;
  readonly group?: string;
}

const BASE_FEATURES: readonly FeatureInfo[] = [
  { name: 'log_value', kind: 'value' },
  { name: 'log_mass_kg', kind: 'value' },
  { name: 'log_unit_value', kind: 'value' },
  { name: 'tax_rate', kind: 'value' },
  { name: 'log_revenue_proxy', kind: 'value' },
  { name: 'item_count', kind: 'value' },
  { name: 'origin_differs_from_dispatch', kind: 'value' },
  { name: 'day_of_week', kind: 'calendar' },
  { name: 'month', kind: 'calendar' },
  { name: 'day_of_month', kind: 'calendar' },
];

/**
 * The feature list for a set of profile groups, in vector order.
 *
 * @example featureInfo(PROFILE_GROUPS)[10].name // 'importer.rate'
 */
export function featureInfo(groups: readonly ProfileGroup[]): FeatureInfo[] {
  const out = [...BASE_FEATURES];
  for (const g of groups) {
    out.push({ name: `${g.name}.rate`, kind: 'rate', group: g.name });
    out.push({ name: `${g.name}.inspections`, kind: 'count', group: g.name });
    if (g.critical) out.push({ name: `${g.name}.critical_rate`, kind: 'critical', group: g.name });
    if (g.party) {
      out.push({ name: `${g.name}.days_known`, kind: 'age', group: g.name });
      out.push({ name: `${g.name}.days_since_last`, kind: 'recency', group: g.name });
    }
    if (g.band) out.push({ name: `${g.name}.unit_value_z`, kind: 'band', group: g.name });
  }
  return out;
}

/**
 * Writes the features of one declaration into `out` at `offset`, reading
 * history from `state` only (never the declaration's own outcome). Missing
 * values (a never-seen importer's days known, no mass) are NaN; the trees
 * route them to a learnt side.
 *
 * @example const row = new Float64Array(featureInfo(PROFILE_GROUPS).length); writeFeatures(facts, state, row);
 */
export function writeFeatures(f: DeclarationFacts, state: ProfileState, out: Float64Array, offset = 0): void {
  let i = offset;
  const logUnit = logUnitValue(f);
  const revenue = (f.value * (f.taxRate ?? 0)) / 100;
  const date = civilDate(f.day);
  out[i++] = Math.log1p(f.value);
  out[i++] = f.massKg === undefined ? Number.NaN : Math.log1p(f.massKg);
  out[i++] = logUnit ?? Number.NaN;
  out[i++] = f.taxRate ?? Number.NaN;
  out[i++] = Math.log1p(revenue);
  out[i++] = f.itemCount;
  out[i++] =
    f.ids.origin !== undefined && f.ids.dispatch !== undefined && f.ids.origin !== f.ids.dispatch ? 1 : 0;
  out[i++] = (((f.day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4)
  out[i++] = date.month;
  out[i++] = date.day;

  const prior = (state.findings + 1) / (state.inspected + 2);
  const priorCritical = (state.critical + 1) / (state.inspected + 2);
  const flags = state.groupFlags;
  const offsets = state.resolve(f);
  for (let g = 0; g < flags.length; g++) {
    const flag = flags[g]!;
    const at = offsets[g]!;
    const missing = at === -2;
    const s = state.data(g);
    const n = at >= 0 ? s[at + STAT.inspected]! : 0;
    if (missing) {
      out[i++] = Number.NaN;
      out[i++] = Number.NaN;
    } else {
      out[i++] = ((at >= 0 ? s[at + STAT.findings]! : 0) + PRIOR_STRENGTH * prior) / (n + PRIOR_STRENGTH);
      out[i++] = n;
    }
    if (flag & GROUP_CRITICAL) {
      out[i++] = missing
        ? Number.NaN
        : ((at >= 0 ? s[at + STAT.critical]! : 0) + PRIOR_STRENGTH * priorCritical) / (n + PRIOR_STRENGTH);
    }
    if (flag & GROUP_PARTY) {
      out[i++] = at >= 0 ? f.day - s[at + STAT.firstDay]! : Number.NaN;
      out[i++] = at >= 0 ? f.day - s[at + STAT.lastDay]! : Number.NaN;
    }
    if (flag & GROUP_BAND) out[i++] = bandZ(s, at, logUnit);
  }
}

// Distance from the profile's usual log unit value, in standard deviations;
// the floor on the deviation keeps a profile with identical past values from
// turning a small difference into a huge z.
function bandZ(s: Float64Array, at: number, logUnit: number | undefined): number {
  if (at < 0 || logUnit === undefined) return Number.NaN;
  const n = s[at + STAT.valueCount]!;
  if (n < 2) return Number.NaN;
  const mean = s[at + STAT.valueSum]! / n;
  const variance = Math.max(0, s[at + STAT.valueSq]! / n - mean * mean);
  return (logUnit - mean) / Math.max(Math.sqrt(variance), 0.25);
}

// Month and day of a day number without allocating a Date (H. Hinnant's civil_from_days).
function civilDate(days: number): { month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return { month: mp < 10 ? mp + 3 : mp - 9, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}
