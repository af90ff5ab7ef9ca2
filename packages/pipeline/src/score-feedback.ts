import {
  ALL_INSPECTIONS,
  applyWeights,
  proposeWeights,
  RANDOM_BASELINE,
  type WeightProposal,
} from '@sieve/core/scoring';
import type { RulesetVersion, Store } from '@sieve/store';
import { ensurePolicy } from './score-snapshot.ts';

/**
 * Feeds every stored inspection result not yet applied into the statistics
 * of the rules that fired on its declaration (its latest assessment), with
 * the decay of the active policy. Idempotent: a result is applied once.
 * Results whose declaration has no assessment yet wait for one.
 *
 * @example const { applied } = await applyFeedback(store);
 */
export async function applyFeedback(
  store: Store,
  o: { actor?: string; batchSize?: number } = {},
): Promise<{ applied: number }> {
  const { policy } = await ensurePolicy(store, o.actor ?? 'system');
  let applied = 0;
  for (;;) {
    const pending = await store.ruleStats.pending(o.batchSize ?? 5000);
    if (pending.length === 0) break;
    const n = await store.ruleStats.apply(pending, policy.feedback);
    applied += n;
    if (n === 0) break;
  }
  if (applied > 0) {
    await store.audit.append({
      actor: o.actor ?? 'system',
      action: 'feedback.apply',
      entity: 'rule_stats',
      details: { applied },
    });
  }
  return { applied };
}

export interface ProposalResult {
  /** The active version the proposals start from. */
  from: RulesetVersion;
  proposals: WeightProposal[];
  /** The new draft version holding the proposed weights, when any weight changed. */
  draft?: RulesetVersion;
  /** True when the policy applies proposals automatically and the draft was activated. */
  activated: boolean;
}

/**
 * Proposes new weights for the active version of a ruleset from its rules'
 * decayed statistics against the random yardstick. When any weight changes,
 * the proposal becomes a new draft version (origin `feedback`), activated at
 * once when the policy says `feedback.apply: auto`, else left for an analyst
 * to approve with `sieve rules activate`. Audited either way.
 *
 * @example const r = await proposeRulesetWeights(store, { ruleset: 'kcs', actor: 'analyst.lee' });
 */
export async function proposeRulesetWeights(
  store: Store,
  o: { ruleset: string; actor: string; at?: string; apply?: 'auto' | 'approval' },
): Promise<ProposalResult> {
  const active = await store.rulesets.get(o.ruleset);
  if (!active) {
    throw new Error(
      `SIEVE_ERR_RULESET_NOT_FOUND: no active version of ruleset "${o.ruleset}" to propose weights for`,
    );
  }
  const { policy } = await ensurePolicy(store, o.actor);
  const stats = await store.ruleStats.get(o.ruleset);
  const baseline = {
    ...(stats.get(RANDOM_BASELINE) ? { random: stats.get(RANDOM_BASELINE)! } : {}),
    ...(stats.get(ALL_INSPECTIONS) ? { all: stats.get(ALL_INSPECTIONS)! } : {}),
  };
  const at = o.at ?? new Date().toISOString();
  const proposals = proposeWeights(active.rules, stats, baseline, policy.feedback, at);
  const changed = proposals.filter((p) => p.changed);
  const mode = o.apply ?? policy.feedback.apply;
  await store.audit.append({
    actor: o.actor,
    action: 'ruleset.propose-weights',
    entity: 'ruleset',
    entityId: `${o.ruleset}@${active.version.version}`,
    reason: `feedback as of ${at}`,
    details: {
      mode,
      changed: changed.map((p) => ({ rule: p.ruleId, from: p.current, to: p.proposed, why: p.reason })),
    },
  });
  if (changed.length === 0) return { from: active.version, proposals, activated: false };
  const reason = `feedback: ${changed.length} weight${changed.length > 1 ? 's' : ''} changed (${changed
    .map((p) => `${p.ruleId} ${p.current}->${p.proposed}`)
    .join(', ')})`;
  const { version: draft } = await store.rulesets.createDraft({
    name: o.ruleset,
    rules: applyWeights(active.rules, proposals),
    lists: active.lists,
    actor: o.actor,
    reason,
    origin: 'feedback',
    parentVersion: active.version.version,
  });
  if (mode !== 'auto') return { from: active.version, proposals, draft, activated: false };
  const activated = await store.rulesets.activate(
    o.ruleset,
    draft.version,
    o.actor,
    `applied automatically: ${reason}`,
  );
  return { from: active.version, proposals, draft: activated, activated: true };
}
