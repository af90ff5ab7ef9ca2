import type { DeclarationFacts } from './declaration-facts.ts';
import { type FeatureInfo, featureInfo, writeFeatures } from './features.ts';
import { sigmoid } from './gbdt-model.ts';
import { type ProfileGroup, profileKeys } from './profile-groups.ts';
import type { ProfileState } from './profile-state.ts';
import { STAT } from './profile-state.ts';
import type { RiskModel } from './risk-model.ts';
import { treeShapCompiled } from './tree-shap.ts';

/** One reason behind a score: a profile or a declared value, and how far it moved the log-odds. */
export interface Reason {
  /** Profile group (`importer`, `hs6+origin`) or base feature name (`log_unit_value`). */
  subject: string;
  /** Sum of the TreeSHAP contributions of the subject's features, in log-odds. */
  contribution: number;
  direction: 'raises' | 'lowers';
  /** The sentence an officer reads. */
  text: string;
}

export interface Explanation {
  probability: number;
  /** Probability of an average declaration in training. */
  baseProbability: number;
  reasons: Reason[];
}

const PERCENT = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });
const NUMBER = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const LABELS: Record<string, string> = {
  importer: 'importer',
  declarant: 'declarant',
  seller: 'seller',
  carrier: 'courier',
  hs6: 'HS6 code',
  hs4: 'HS4 heading',
  hs2: 'HS chapter',
  origin: 'origin country',
  dispatch: 'departure country',
  office: 'office',
  procedure: 'import type',
  transport: 'transport mode',
  taxType: 'tax type',
  originIndicator: 'origin indicator',
  processType: 'process type',
  importUse: 'import use',
  paymentType: 'payment type',
};

/**
 * Why a declaration scored as it did: the subjects (profiles and declared
 * values) that raised or lowered its risk most, phrased for an officer.
 * Contributions are exact TreeSHAP values grouped by subject, so they add up
 * (with the average) to the model's log-odds.
 *
 * @example explainScore(model, facts, history).reasons[0].text
 * // "importer QLRUBN9: past finding rate 38% (12 of 31 inspections) against 22% on average"
 */
export function explainScore(
  model: RiskModel,
  facts: DeclarationFacts,
  history: ProfileState,
  top = 6,
): Explanation {
  const row = new Float64Array(model.width);
  const keys = profileKeys(facts, history.groups);
  writeFeatures(facts, history, row, 0);
  const { bias, contributions } = treeShapCompiled(model.shap, row);
  const { info, subjects, subjectOf } = subjectsOf(history.groups);
  const bySubject = new Float64Array(subjects.length);
  for (let i = 0; i < info.length; i++) bySubject[subjectOf[i]!]! += contributions[i]!;
  const margin = bias + contributions.reduce((s, c) => s + c, 0);
  const reasons = subjects
    .map((subject, k) => [subject, bySubject[k]!] as const)
    .filter(([, c]) => Math.abs(c) > 1e-9)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, top)
    .map(([subject, contribution]): Reason => {
      const g = history.groups.findIndex((x) => x.name === subject);
      const text =
        g >= 0
          ? profileText(
              history.groups[g]!,
              keys[g],
              history,
              g,
              facts,
              featureValue(row, info, `${subject}.unit_value_z`),
            )
          : valueText(subject, facts, row, info);
      return { subject, contribution, direction: contribution > 0 ? 'raises' : 'lowers', text };
    });
  return { probability: sigmoid(margin), baseProbability: sigmoid(bias), reasons };
}

interface Subjects {
  info: FeatureInfo[];
  /** Profile groups and base features, in the order their first feature comes. */
  subjects: string[];
  /** Feature i's subject, an index in `subjects`. */
  subjectOf: Int32Array;
}

// Per set of profile groups (a model's history keeps one), not per explanation.
const subjectsByGroups = new WeakMap<readonly ProfileGroup[], Subjects>();

function subjectsOf(groups: readonly ProfileGroup[]): Subjects {
  let s = subjectsByGroups.get(groups);
  if (s === undefined) {
    const info = featureInfo(groups);
    const subjects: string[] = [];
    const subjectOf = Int32Array.from(info, (f) => {
      const subject = f.group ?? f.name;
      if (!subjects.includes(subject)) subjects.push(subject);
      return subjects.indexOf(subject);
    });
    s = { info, subjects, subjectOf };
    subjectsByGroups.set(groups, s);
  }
  return s;
}

function subjectLabel(group: ProfileGroup, key: string | undefined): string {
  const names = group.fields.map((f) => LABELS[f] ?? f).join(' with ');
  return key === undefined ? names : `${names} ${key.split('\u001f').join(' / ')}`;
}

function profileText(
  group: ProfileGroup,
  key: string | undefined,
  history: ProfileState,
  g: number,
  facts: DeclarationFacts,
  bandZ: number,
): string {
  const label = subjectLabel(group, key);
  if (key === undefined) return `${label}: not declared`;
  const s = history.stats(g, key);
  const average = history.inspected > 0 ? history.findings / history.inspected : 0;
  if (!s) return `${label}: never seen before (newcomer)`;
  const n = s[STAT.inspected]!;
  const f = s[STAT.findings]!;
  const parts: string[] = [];
  if (n === 0) parts.push(`seen ${s[STAT.seen]} times, never inspected`);
  else {
    parts.push(
      `past finding rate ${PERCENT.format(f / n)} (${f} of ${n} inspections) against ${PERCENT.format(average)} on average`,
    );
  }
  if (group.party) parts.push(`first seen ${facts.day - s[STAT.firstDay]!} days before`);
  if (!Number.isNaN(bandZ) && Math.abs(bandZ) >= 1) {
    parts.push(
      `value per kg ${NUMBER.format(Math.abs(bandZ))} standard deviations ${bandZ > 0 ? 'above' : 'below'} its usual band`,
    );
  }
  return `${label}: ${parts.join('; ')}`;
}

function featureValue(row: Float64Array, info: ReturnType<typeof featureInfo>, name: string): number {
  const i = info.findIndex((f) => f.name === name);
  return i < 0 ? Number.NaN : row[i]!;
}

function valueText(
  name: string,
  facts: DeclarationFacts,
  row: Float64Array,
  info: ReturnType<typeof featureInfo>,
): string {
  const v = row[info.findIndex((f) => f.name === name)]!;
  switch (name) {
    case 'log_value':
      return `declared value ${NUMBER.format(facts.value)}`;
    case 'log_mass_kg':
      return facts.massKg === undefined
        ? 'net mass not declared'
        : `net mass ${NUMBER.format(facts.massKg)} kg`;
    case 'log_unit_value':
      return Number.isNaN(v) ? 'no unit value (no mass)' : `value per kg ${NUMBER.format(Math.exp(v))}`;
    case 'tax_rate':
      return `tax rate ${NUMBER.format(facts.taxRate ?? 0)}%`;
    case 'log_revenue_proxy':
      return `duty at stake about ${NUMBER.format(Math.expm1(v))} (value times tax rate)`;
    case 'item_count':
      return `${facts.itemCount} goods item(s)`;
    case 'origin_differs_from_dispatch':
      return v === 1 ? 'origin differs from the departure country' : 'shipped from its origin country';
    case 'day_of_week':
      return `lodged on a ${DAYS[v] ?? '?'}`;
    case 'month':
      return `lodged in month ${v}`;
    case 'day_of_month':
      return `lodged on day ${v} of the month`;
    default:
      return `${name} = ${NUMBER.format(v)}`;
  }
}
