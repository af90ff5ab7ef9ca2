import type { Lane } from '@sieve/core/ensemble';
import type { Assessment, SnapshotVersions } from '@sieve/core/scoring';
import { isUniqueViolation } from './bulk-insert.ts';
import { columnNames, type TypedColumn } from './columns.ts';
import { copyText, type SqlClient } from './sql-client.ts';

/** A scoring run: one file or batch scored with one snapshot. */
export interface ScoringRun {
  id: number;
  source: string;
  ruleset: string;
  snapshot: string;
  actor: string;
  status: 'running' | 'completed' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  scored: number;
  inserted: number;
  duplicates: number;
  error: string | null;
}

interface RunRow {
  id: number | string;
  source: string;
  ruleset: string;
  snapshot: string;
  actor: string;
  status: ScoringRun['status'];
  started_at: Date | string;
  finished_at: Date | string | null;
  scored: number;
  inserted: number;
  duplicates: number;
  error: string | null;
}

/** Lane and selection counts of a run or a snapshot. */
export interface LaneCounts {
  lanes: Record<Lane, number>;
  random: number;
  total: number;
}

/** When an assessment is recorded as made (ISO 8601), for replays that simulate real time. */
export type AssessedAt = (a: Assessment) => string;

/** The columns of `assessments`, in the order of {@link assessmentValues}. */
export const ASSESSMENT_COLUMNS = [
  ['declaration_id', 'text'],
  ['declaration_version', 'int'],
  ['snapshot', 'text'],
  ['ruleset', 'text'],
  ['lodged_at', 'timestamptz'],
  ['office', 'text'],
  ['points', 'float8'],
  ['risk_lane', 'text'],
  ['lane', 'text'],
  ['selected_by', 'text'],
  ['random_draw', 'float8'],
  ['random_drawn', 'bool'],
  ['doc', 'json'],
  ['run_id', 'bigint'],
  ['assessed_at', 'timestamptz'],
] as const satisfies readonly TypedColumn[];

/** The columns of `assessment_rules`, in the order of {@link firedRuleValues}. */
export const RULE_COLUMNS = [
  ['declaration_id', 'text'],
  ['declaration_version', 'int'],
  ['snapshot', 'text'],
  ['rule_id', 'text'],
  ['points', 'float8'],
  ['run_id', 'bigint'],
] as const satisfies readonly TypedColumn[];

/** An assessment's key (declaration id, version, snapshot) as one string, for sets and maps. */
export function assessmentKey(declarationId: string, declarationVersion: number, snapshot: string): string {
  return `${declarationId}\u0000${declarationVersion}\u0000${snapshot}`;
}

/** An assessment's row of `assessments` ({@link ASSESSMENT_COLUMNS}), recorded as made at `assessedAt`. */
export function assessmentValues(a: Assessment, runId: number | null, assessedAt: string): unknown[] {
  return [
    a.declarationId,
    a.declarationVersion,
    a.snapshotKey,
    a.versions.ruleset,
    a.lodgedAt,
    a.office,
    a.points,
    a.riskLane,
    a.lane,
    a.selectedBy,
    a.random.draw,
    a.random.drawn,
    JSON.stringify(a),
    runId,
    assessedAt,
  ];
}

/** The rows of `assessment_rules` for the rules that fired ({@link RULE_COLUMNS}), each rule once. */
export function firedRuleValues(a: Assessment, runId: number | null): unknown[][] {
  const rows: unknown[][] = [];
  const fired = new Set<string>();
  for (const r of a.rules) {
    if (fired.has(r.ruleId)) continue;
    fired.add(r.ruleId);
    rows.push([a.declarationId, a.declarationVersion, a.snapshotKey, r.ruleId, r.points, runId]);
  }
  return rows;
}

/**
 * Assessments (the decisions, with their explanations and versions), keyed
 * by declaration id, version and snapshot: scoring the same declaration
 * version twice with the same snapshot stores one decision. The rules that
 * fired are also stored one row each, for feedback and reports.
 *
 * @example
 * const run = await store.assessments.startRun({ source: 'file.ndjson', snapshot, actor: 'cli' });
 * await store.assessments.write(run, assessments);
 * await store.assessments.finishRun(run, 'completed');
 */
export class AssessmentRepository {
  constructor(private readonly sql: SqlClient) {}

  async startRun(o: {
    source: string;
    snapshot: { key: string; versions: SnapshotVersions };
    actor: string;
  }): Promise<number> {
    const [row] = await this.sql.query<{ id: number | string }>(
      `INSERT INTO scoring_runs (source, ruleset, snapshot, versions, actor) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [o.source, o.snapshot.versions.ruleset, o.snapshot.key, JSON.stringify(o.snapshot.versions), o.actor],
    );
    return Number(row!.id);
  }

  /**
   * Stores the assessments not stored yet; returns how many were new and how
   * many already there. Each is recorded as made now, or when `assessedAt`
   * says (a replay of past days simulating real-time assessment).
   */
  async write(
    runId: number | null,
    assessments: readonly Assessment[],
    assessedAt?: AssessedAt,
  ): Promise<{ inserted: number; duplicates: number }> {
    if (assessments.length === 0) return { inserted: 0, duplicates: 0 };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.sql.transaction((tx) => writeAssessmentsIn(tx, runId, assessments, { assessedAt }));
      } catch (err) {
        // Another worker stored one of these keys between our look-up and our COPY; the retry sees it.
        if (!isUniqueViolation(err) || attempt >= 5) throw err;
      }
    }
  }

  async finishRun(runId: number, status: 'completed' | 'failed', error?: string): Promise<ScoringRun> {
    await this.sql.query(
      'UPDATE scoring_runs SET status = $2, finished_at = now(), error = $3 WHERE id = $1',
      [runId, status, error ?? null],
    );
    const run = (await this.getRun(runId))!;
    const counts = await this.laneCounts({ runId });
    await this.sql.query(
      `INSERT INTO audit_log (actor, action, entity, entity_id, details) VALUES ($1, $2, 'scoring_run', $3, $4)`,
      [
        run.actor,
        `scoring.${status}`,
        String(runId),
        {
          source: run.source,
          ruleset: run.ruleset,
          snapshot: run.snapshot,
          scored: run.scored,
          inserted: run.inserted,
          lanes: counts.lanes,
          random: counts.random,
          error: error ?? null,
        },
      ],
    );
    return run;
  }

  async getRun(runId: number): Promise<ScoringRun | undefined> {
    const [row] = await this.sql.query<RunRow>('SELECT * FROM scoring_runs WHERE id = $1', [runId]);
    return row && toRun(row);
  }

  /**
   * The assessment of a declaration: for a given snapshot, or the latest one.
   *
   * @example (await store.assessments.get('DEC-1'))?.lane
   */
  async get(
    declarationId: string,
    o: { version?: number; snapshot?: string } = {},
  ): Promise<Assessment | undefined> {
    const [row] = await this.sql.query<{ doc: Assessment | string }>(
      `SELECT doc FROM assessments WHERE declaration_id = $1 AND ($2::int IS NULL OR declaration_version = $2)
          AND ($3::text IS NULL OR snapshot = $3)
        ORDER BY assessed_at DESC, declaration_version DESC LIMIT 1`,
      [declarationId, o.version ?? null, o.snapshot ?? null],
    );
    if (!row) return undefined;
    return typeof row.doc === 'string' ? (JSON.parse(row.doc) as Assessment) : row.doc;
  }

  /** Decisions per lane, and how many were random draws, for a run or a snapshot (or everything). */
  async laneCounts(filter: { runId?: number; snapshot?: string } = {}): Promise<LaneCounts> {
    const rows = await this.sql.query<{ lane: Lane; n: number; random: number }>(
      `SELECT lane, count(*)::int AS n, count(*) FILTER (WHERE random_drawn)::int AS random FROM assessments
        WHERE ($1::bigint IS NULL OR run_id = $1) AND ($2::text IS NULL OR snapshot = $2) GROUP BY lane`,
      [filter.runId ?? null, filter.snapshot ?? null],
    );
    const lanes: Record<Lane, number> = { red: 0, yellow: 0, blue: 0, green: 0 };
    let random = 0;
    for (const r of rows) {
      lanes[r.lane] = r.n;
      random += r.random;
    }
    return { lanes, random, total: Object.values(lanes).reduce((s, n) => s + n, 0) };
  }

  /** The rules that fired most, for a run or a snapshot. */
  async topRules(
    filter: { runId?: number; snapshot?: string; limit?: number } = {},
  ): Promise<{ ruleId: string; fired: number }[]> {
    const rows = await this.sql.query<{ rule_id: string; n: number }>(
      `SELECT rule_id, count(*)::int AS n FROM assessment_rules
        WHERE ($1::bigint IS NULL OR run_id = $1) AND ($2::text IS NULL OR snapshot = $2)
        GROUP BY rule_id ORDER BY n DESC, rule_id LIMIT $3`,
      [filter.runId ?? null, filter.snapshot ?? null, filter.limit ?? 10],
    );
    return rows.map((r) => ({ ruleId: r.rule_id, fired: r.n }));
  }
}

/**
 * Stores the assessments not stored yet, inside the caller's transaction
 * (with their fired rules and the scoring run's counters).
 */
export async function writeAssessmentsIn(
  tx: SqlClient,
  runId: number | null,
  assessments: readonly Assessment[],
  o: {
    assessedAt?: AssessedAt | undefined;
  } = {},
): Promise<{ inserted: number; duplicates: number }> {
  const { assessedAt } = o;
  const now = new Date().toISOString();
  const seen = new Set<string>();
  const unique: Assessment[] = [];
  for (const a of assessments) {
    const k = assessmentKey(a.declarationId, a.declarationVersion, a.snapshotKey);
    if (!seen.has(k)) {
      seen.add(k);
      unique.push(a);
    }
  }
  const existing = await tx.query<{ declaration_id: string; declaration_version: number; snapshot: string }>(
    `SELECT declaration_id, declaration_version, snapshot FROM assessments
      WHERE (declaration_id, declaration_version, snapshot) IN (SELECT * FROM unnest($1::text[], $2::int[], $3::text[]))`,
    [
      unique.map((a) => a.declarationId),
      unique.map((a) => a.declarationVersion),
      unique.map((a) => a.snapshotKey),
    ],
  );
  const have = new Set(
    existing.map((r) => assessmentKey(r.declaration_id, r.declaration_version, r.snapshot)),
  );
  let rows = '';
  let ruleRows = '';
  let inserted = 0;
  for (const a of unique) {
    if (have.has(assessmentKey(a.declarationId, a.declarationVersion, a.snapshotKey))) continue;
    inserted++;
    rows += copyText(assessmentValues(a, runId, assessedAt ? assessedAt(a) : now));
    for (const r of firedRuleValues(a, runId)) ruleRows += copyText(r);
  }
  await tx.copyFrom('assessments', columnNames(ASSESSMENT_COLUMNS), rows);
  await tx.copyFrom('assessment_rules', columnNames(RULE_COLUMNS), ruleRows);
  const duplicates = assessments.length - inserted;
  if (runId !== null) {
    await tx.query(
      'UPDATE scoring_runs SET scored = scored + $2, inserted = inserted + $3, duplicates = duplicates + $4 WHERE id = $1',
      [runId, assessments.length, inserted, duplicates],
    );
  }
  return { inserted, duplicates };
}

function toRun(r: RunRow): ScoringRun {
  return {
    id: Number(r.id),
    source: r.source,
    ruleset: r.ruleset,
    snapshot: r.snapshot,
    actor: r.actor,
    status: r.status,
    startedAt: new Date(r.started_at).toISOString(),
    finishedAt: r.finished_at === null ? null : new Date(r.finished_at).toISOString(),
    scored: r.scored,
    inserted: r.inserted,
    duplicates: r.duplicates,
    error: r.error,
  };
}
