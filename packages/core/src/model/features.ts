import type { DeclarationFacts } from './declaration-facts.ts';
import { type ProfileGroup, profileKeys } from './profile-groups.ts';
import { logUnitValue, type ProfileState, STAT } from './profile-state.ts';

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
export function writeFeatures(
  f: DeclarationFacts,
  state: ProfileState,
  out: Float64Array,
  offset = 0,
  keys = profileKeys(f, state.groups),
): void {
  let i = offset;
  const logUnit = logUnitValue(f);
  const revenue = (f.value * (f.taxRate ?? 0)) / 100;
  const date = new Date(f.day * 86_400_000);
  out[i++] = Math.log1p(f.value);
  out[i++] = f.massKg === undefined ? Number.NaN : Math.log1p(f.massKg);
  out[i++] = logUnit ?? Number.NaN;
  out[i++] = f.taxRate ?? Number.NaN;
  out[i++] = Math.log1p(revenue);
  out[i++] = f.itemCount;
  out[i++] =
    f.ids.origin !== undefined && f.ids.dispatch !== undefined && f.ids.origin !== f.ids.dispatch ? 1 : 0;
  out[i++] = date.getUTCDay();
  out[i++] = date.getUTCMonth() + 1;
  out[i++] = date.getUTCDate();

  const prior = (state.findings + 1) / (state.inspected + 2);
  const priorCritical = (state.critical + 1) / (state.inspected + 2);
  const groups = state.groups;
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    const key = keys[g];
    const s = state.stats(g, key);
    const n = s ? s[STAT.inspected]! : 0;
    if (key === undefined) {
      out[i++] = Number.NaN;
      out[i++] = Number.NaN;
    } else {
      out[i++] = ((s ? s[STAT.findings]! : 0) + PRIOR_STRENGTH * prior) / (n + PRIOR_STRENGTH);
      out[i++] = n;
    }
    if (group.critical) {
      out[i++] =
        key === undefined
          ? Number.NaN
          : ((s ? s[STAT.critical]! : 0) + PRIOR_STRENGTH * priorCritical) / (n + PRIOR_STRENGTH);
    }
    if (group.party) {
      out[i++] = s ? f.day - s[STAT.firstDay]! : Number.NaN;
      out[i++] = s ? f.day - s[STAT.lastDay]! : Number.NaN;
    }
    if (group.band) out[i++] = bandZ(s, logUnit);
  }
}

// Distance from the profile's usual log unit value, in standard deviations;
// the floor on the deviation keeps a profile with identical past values from
// turning a small difference into a huge z.
function bandZ(s: Float64Array | undefined, logUnit: number | undefined): number {
  if (!s || logUnit === undefined) return Number.NaN;
  const n = s[STAT.valueCount]!;
  if (n < 2) return Number.NaN;
  const mean = s[STAT.valueSum]! / n;
  const variance = Math.max(0, s[STAT.valueSq]! / n - mean * mean);
  return (logUnit - mean) / Math.max(Math.sqrt(variance), 0.25);
}
