import { newRule } from '../rules/new-rule.ts';
import type { ReferenceList } from '../rules/reference-list.ts';
import type { Rule } from '../rules/rule.ts';
import { compileRulesetOrThrow } from '../rules/ruleset.ts';
import { createValueBandTable, type ValueBand } from '../rules/value-bands.ts';
import type { CommodityLookout } from './commodity-lookouts.ts';
import { parseScoringPolicy, type ScoringPolicy, type ScoringPolicyInput } from './scoring-policy.ts';
import { createSnapshot, type ScoringSnapshot } from './snapshot.ts';

/**
 * Test factory: a valid policy with overrides (thresholds red 60, yellow 30,
 * blue 15; no random selection; a fixed seed).
 *
 * @example newPolicy({ minRandomRate: 0.02 })
 */
export function newPolicy(overrides: Partial<ScoringPolicyInput> = {}): ScoringPolicy {
  return parseScoringPolicy({
    seed: 'test-seed',
    thresholds: { red: 60, yellow: 30, blue: 15 },
    ...overrides,
  });
}

/**
 * Test factory: a snapshot of rules (by default one rule), lists, bands and
 * lookouts under a policy.
 *
 * @example newSnapshot({ rules: [newRule({ points: 70 })], policy: newPolicy({ minRandomRate: 0.02 }) })
 */
export function newSnapshot(
  o: {
    rules?: readonly Rule[];
    lists?: readonly ReferenceList[];
    bands?: readonly ValueBand[];
    lookouts?: readonly CommodityLookout[];
    policy?: ScoringPolicy;
    seed?: string;
  } = {},
): ScoringSnapshot {
  const ruleset = compileRulesetOrThrow(o.rules ?? [newRule()], { lists: o.lists ?? [] });
  return createSnapshot({
    ruleset,
    rulesetVersion: 'test@1',
    policy: o.policy ?? newPolicy(),
    policyVersion: '1',
    ...(o.seed ? { seed: o.seed } : {}),
    ...(o.bands ? { bands: { lookup: createValueBandTable(o.bands), version: '1' } } : {}),
    ...(o.lookouts ? { lookouts: o.lookouts } : {}),
  });
}
