import {
  ALL_INSPECTIONS,
  emptyStats,
  type FeedbackConfig,
  RANDOM_BASELINE,
  type RuleStats,
  recordOutcome,
} from '@sieve/core/scoring';
import type { SqlClient } from './sql-client.ts';

/** An inspection result not yet fed back, with the assessment it judges. */
export interface PendingFeedback {
  inspectionId: string;
  declarationId: string;
  startedAt: string;
  resultant: boolean;
  snapshot: string;
  /** Ruleset name (without version): statistics are kept per rule id across versions. */
  ruleset: string;
  random: boolean;
  rules: string[];
}

interface StatsRow {
  rule_id: string;
  inspected: number;
  resultant: number;
  random_inspected: number;
  random_resultant: number;
  decayed_resultant: number;
  decayed_non_resultant: number;
  as_of: Date | string | null;
}

/**
 * Rule statistics from inspection feedback: for each rule of a ruleset, the
 * inspections of declarations it fired on, resultant or not, with their
 * time-decayed sums; and the yardsticks `*random*` (inspections of random
 * draws) and `*all*`. Each inspection result is applied once.
 *
 * @example
 * const pending = await store.ruleStats.pending(1000);
 * await store.ruleStats.apply(pending, policy.feedback);
 */
export class RuleStatsRepository {
  constructor(private readonly sql: SqlClient) {}

  /**
   * Inspection results not fed back yet whose declaration has an assessment
   * (the latest one), oldest first. Results without an assessment wait.
   */
  async pending(limit = 5000): Promise<PendingFeedback[]> {
    const rows = await this.sql.query<{
      id: string;
      declaration_id: string;
      started_at: Date | string;
      outcome: string;
      snapshot: string;
      ruleset: string;
      random_drawn: boolean;
      rules: string[] | string | null;
    }>(
      `SELECT i.id, i.declaration_id, i.started_at, i.outcome, a.snapshot, a.ruleset, a.random_drawn,
              (SELECT json_agg(r.rule_id ORDER BY r.rule_id) FROM assessment_rules r
                WHERE r.declaration_id = a.declaration_id AND r.declaration_version = a.declaration_version
                  AND r.snapshot = a.snapshot) AS rules
         FROM inspection_results i
         JOIN LATERAL (
           SELECT * FROM assessments a
            WHERE a.declaration_id = i.declaration_id
              AND (i.declaration_version IS NULL OR a.declaration_version = i.declaration_version)
            ORDER BY a.assessed_at DESC, a.declaration_version DESC LIMIT 1
         ) a ON true
        WHERE NOT EXISTS (SELECT 1 FROM feedback_applied f WHERE f.inspection_id = i.id)
        ORDER BY i.started_at, i.id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      inspectionId: r.id,
      declarationId: r.declaration_id,
      startedAt: new Date(r.started_at).toISOString(),
      resultant: r.outcome === 'finding',
      snapshot: r.snapshot,
      ruleset: rulesetName(r.ruleset),
      random: r.random_drawn,
      rules: r.rules === null ? [] : typeof r.rules === 'string' ? JSON.parse(r.rules) : r.rules,
    }));
  }

  /**
   * Applies inspection outcomes to the statistics of the rules that fired,
   * in one transaction; results already applied (by another process) are
   * skipped. Returns how many were applied.
   */
  async apply(
    items: readonly PendingFeedback[],
    config: Pick<FeedbackConfig, 'gamma' | 'periodDays'>,
  ): Promise<number> {
    if (items.length === 0) return 0;
    return this.sql.transaction(async (tx) => {
      const inserted = await tx.query<{ inspection_id: string }>(
        `INSERT INTO feedback_applied (inspection_id, declaration_id, snapshot, ruleset, resultant, random, rules)
         SELECT i, d, s, r, res, rnd, rl::json
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::bool[], $7::text[])
             AS x(i, d, s, r, res, rnd, rl)
         ON CONFLICT (inspection_id) DO NOTHING RETURNING inspection_id`,
        [
          items.map((it) => it.inspectionId),
          items.map((it) => it.declarationId),
          items.map((it) => it.snapshot),
          items.map((it) => it.ruleset),
          items.map((it) => it.resultant),
          items.map((it) => it.random),
          items.map((it) => JSON.stringify(it.rules)),
        ],
      );
      const applied = new Set(inserted.map((r) => r.inspection_id));
      const fresh = items.filter((it) => applied.delete(it.inspectionId)); // once each, even if given twice
      const byRuleset = new Map<string, PendingFeedback[]>();
      for (const it of fresh) byRuleset.set(it.ruleset, [...(byRuleset.get(it.ruleset) ?? []), it]);
      for (const [ruleset, its] of byRuleset) {
        const stats = await statsOf(tx, ruleset, true);
        const touched = new Set<string>();
        for (const it of its) {
          const outcome = { at: it.startedAt, resultant: it.resultant, random: it.random };
          const ids = [ALL_INSPECTIONS, ...(it.random ? [RANDOM_BASELINE] : []), ...it.rules];
          for (const id of ids) {
            stats.set(id, recordOutcome(stats.get(id) ?? emptyStats(id), outcome, config));
            touched.add(id);
          }
        }
        for (const id of touched) await upsert(tx, ruleset, stats.get(id)!);
      }
      return fresh.length;
    });
  }

  /** The statistics of every rule of a ruleset, and the yardsticks, by rule id. */
  async get(ruleset: string): Promise<Map<string, RuleStats>> {
    return statsOf(this.sql, ruleset, false);
  }
}

/** `kcs@3` -> `kcs`. */
export function rulesetName(ref: string): string {
  const at = ref.lastIndexOf('@');
  return at > 0 ? ref.slice(0, at) : ref;
}

async function statsOf(sql: SqlClient, ruleset: string, lock: boolean): Promise<Map<string, RuleStats>> {
  const rows = await sql.query<StatsRow>(
    `SELECT rule_id, inspected, resultant, random_inspected, random_resultant, decayed_resultant,
            decayed_non_resultant, as_of FROM rule_stats WHERE ruleset = $1${lock ? ' FOR UPDATE' : ''}`,
    [ruleset],
  );
  return new Map(
    rows.map((r) => [
      r.rule_id,
      {
        ruleId: r.rule_id,
        inspected: r.inspected,
        resultant: r.resultant,
        randomInspected: r.random_inspected,
        randomResultant: r.random_resultant,
        decayedResultant: r.decayed_resultant,
        decayedNonResultant: r.decayed_non_resultant,
        asOf: r.as_of === null ? null : new Date(r.as_of).toISOString(),
      },
    ]),
  );
}

async function upsert(sql: SqlClient, ruleset: string, s: RuleStats): Promise<void> {
  await sql.query(
    `INSERT INTO rule_stats (ruleset, rule_id, inspected, resultant, random_inspected, random_resultant,
       decayed_resultant, decayed_non_resultant, as_of)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (ruleset, rule_id) DO UPDATE SET inspected = EXCLUDED.inspected, resultant = EXCLUDED.resultant,
       random_inspected = EXCLUDED.random_inspected, random_resultant = EXCLUDED.random_resultant,
       decayed_resultant = EXCLUDED.decayed_resultant, decayed_non_resultant = EXCLUDED.decayed_non_resultant,
       as_of = EXCLUDED.as_of, updated_at = now()`,
    [
      ruleset,
      s.ruleId,
      s.inspected,
      s.resultant,
      s.randomInspected,
      s.randomResultant,
      s.decayedResultant,
      s.decayedNonResultant,
      s.asOf,
    ],
  );
}
