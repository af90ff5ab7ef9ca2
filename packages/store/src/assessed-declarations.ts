import { createHash } from 'node:crypto';
import type { Declaration, Party } from '@sieve/core';
import type { Assessment } from '@sieve/core/scoring';
import {
  ASSESSMENT_COLUMNS,
  assessmentKey,
  assessmentValues,
  firedRuleValues,
  RULE_COLUMNS,
} from './assessment.repository.ts';
import type { NewAuditEntry } from './audit.repository.ts';
import {
  columnNames,
  columnParamTypes,
  rowsFromColumns,
  type TypedColumn,
  toColumnParams,
} from './columns.ts';
import {
  addParty,
  DECLARATION_COLUMNS,
  declarationValues,
  ITEM_COLUMNS,
  itemValues,
  type PartyMemo,
  partiesJson,
  partiesOf,
  upsertPartiesFrom,
} from './intake-batch.ts';
import type { SqlClient } from './sql-client.ts';

/** One declaration assessed in real time, with the audit entry to write if its assessment is new. */
export interface AssessedDeclaration {
  readonly declaration: Declaration;
  /** Its JSON text as received, when that is exactly the declaration: stored as it is. */
  readonly json?: string;
  readonly assessment: Assessment;
  readonly audit: NewAuditEntry;
}

/** The audit entry's columns, and the key of the assessment it records (written only if that is new). */
const AUDIT_COLUMNS = [
  ['actor', 'text'],
  ['action', 'text'],
  ['entity', 'text'],
  ['entity_id', 'text'],
  ['reason', 'text'],
  ['source', 'text'],
  ['details', 'json'],
  ['declaration_id', 'text'],
  ['declaration_version', 'int'],
  ['snapshot', 'text'],
] as const satisfies readonly TypedColumn[];

const ASSESSMENT_KEY = 'declaration_id, declaration_version, snapshot';

/**
 * The assessments stored under the keys given as three array parameters from
 * `$first` (each key once: {@link prepareAssessedBatch} sends a key once),
 * as rows of {@link BatchRow}: one primary-key look-up per key.
 * Written as a LATERAL subquery with LIMIT (never flattened into a join) so
 * that no plan can read the table any other way, whatever the statistics
 * said when the plan was made (see {@link STORE_BATCH_FUNCTION}).
 */
const storedUnder = (first: number) => `SELECT false AS stored, a.*
  FROM unnest($${first}::text[], $${first + 1}::int[], $${first + 2}::text[]) AS k (id, version, snapshot)
  CROSS JOIN LATERAL (SELECT ${ASSESSMENT_KEY}, doc FROM assessments
    WHERE declaration_id = k.id AND declaration_version = k.version AND snapshot = k.snapshot LIMIT 1) AS a`;

/** The statement's parameters: the run, the count, the parties, then each table's columns in turn. */
const PARAMETER_TYPES: string[] = ['bigint', 'int', 'jsonb'];
const P = (() => {
  const take = (columns: readonly TypedColumn[]) => {
    const first = PARAMETER_TYPES.length + 1;
    PARAMETER_TYPES.push(...columnParamTypes(columns));
    return first;
  };
  return {
    declarations: take(DECLARATION_COLUMNS),
    items: take(ITEM_COLUMNS),
    assessments: take(ASSESSMENT_COLUMNS),
    rules: take(RULE_COLUMNS),
    audit: take(AUDIT_COLUMNS),
  };
})();

const list = (columns: readonly TypedColumn[]) => columnNames(columns).join(', ');

/**
 * The whole batch in one statement. Written statement by statement (two
 * look-ups, four COPYs, the parties, the run's counters, the audit, the
 * transaction), every batch paid PGlite's cost per statement about ten
 * times; replaying batches captured from bench:api, this statement (as the
 * function below, with documents sent as bytes) takes a third less time in
 * the database thread (10.6 against 6.9 ms for ten declarations, 5.5
 * against 3.5 ms for one, on the same loaded machine). The rest is work per
 * row: each declaration, item, assessment, rule and audit entry inserted,
 * with their indexes. Data-modifying WITH clauses run together, in one
 * snapshot: a row conflicting with one already stored is left out (ON
 * CONFLICT DO NOTHING), the items, fired rules and audit entries follow only
 * the rows inserted, and the last SELECT, which sees the database as it was
 * before the statement, returns the assessments stored earlier under the
 * batch's keys.
 */
const STORE_BATCH = `
WITH new_declarations AS (
  INSERT INTO declarations (${list(DECLARATION_COLUMNS)})
  SELECT * FROM ${rowsFromColumns(DECLARATION_COLUMNS, P.declarations)}
  ON CONFLICT (id, version) DO NOTHING
  RETURNING id, version
), new_items AS (
  INSERT INTO declaration_items (${list(ITEM_COLUMNS)})
  SELECT i.* FROM ${rowsFromColumns(ITEM_COLUMNS, P.items)} AS i (${list(ITEM_COLUMNS)})
  WHERE (i.declaration_id, i.version) IN (SELECT id, version FROM new_declarations)
), parties_seen AS (
  ${upsertPartiesFrom('$3')}
), new_assessments AS (
  INSERT INTO assessments (${list(ASSESSMENT_COLUMNS)})
  SELECT * FROM ${rowsFromColumns(ASSESSMENT_COLUMNS, P.assessments)}
  ON CONFLICT (${ASSESSMENT_KEY}) DO NOTHING
  RETURNING ${ASSESSMENT_KEY}
), new_rules AS (
  INSERT INTO assessment_rules (${list(RULE_COLUMNS)})
  SELECT r.* FROM ${rowsFromColumns(RULE_COLUMNS, P.rules)} AS r (${list(RULE_COLUMNS)})
  WHERE (${ASSESSMENT_KEY}) IN (SELECT ${ASSESSMENT_KEY} FROM new_assessments)
), audited AS (
  INSERT INTO audit_log (actor, action, entity, entity_id, reason, source, details)
  SELECT e.actor, e.action, e.entity, e.entity_id, e.reason, e.source, e.details::jsonb
    FROM ${rowsFromColumns(AUDIT_COLUMNS, P.audit)} WITH ORDINALITY AS e (${list(AUDIT_COLUMNS)}, n)
   WHERE (${ASSESSMENT_KEY}) IN (SELECT ${ASSESSMENT_KEY} FROM new_assessments)
   ORDER BY e.n
), counted AS (
  UPDATE intake_runs
     SET read = read + $2::int, accepted = accepted + $2::int,
         inserted = inserted + (SELECT count(*) FROM new_declarations),
         duplicates = duplicates + $2::int - (SELECT count(*) FROM new_declarations)
   WHERE id = $1::bigint
)
SELECT true AS stored, ${ASSESSMENT_KEY}, NULL::json AS doc FROM new_assessments
UNION ALL
${storedUnder(P.assessments)}`;

/** The function's definition after its name: parameters, result, body. */
const FUNCTION_BODY = `(${PARAMETER_TYPES.join(', ')})
  RETURNS TABLE (o_stored boolean, o_declaration_id text, o_declaration_version int, o_snapshot text, o_doc json)
  LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan SET enable_seqscan = off AS $function$
#variable_conflict use_column
BEGIN
  RETURN QUERY ${STORE_BATCH};
END
$function$`;

/**
 * The statement as a function of the database, created by the migrations
 * ({@link storeBatchMigration}). PGlite plans an unnamed statement each time
 * it runs (EXPLAIN ANALYZE: 0.5 to 0.8 ms of planning per batch); PL/pgSQL
 * keeps the plan for the session, and the replayed batches took 13 to 18%
 * less time through the function than as the statement itself. It keeps
 * one generic plan for the session (`force_generic_plan`), made once for
 * arrays of any length, rather than planning each call for its own arrays:
 * planning the whole statement cost more than running it for a batch of a
 * few declarations. A generic plan is made without knowing the arrays, and
 * with whatever statistics the tables had when it was made, so nothing in it
 * may depend on them: every table is read by its primary key
 * (`enable_seqscan = off`, and the look-up of stored assessments written so
 * that it cannot become a join; see {@link storedUnder}); the rest joins
 * the batch's own arrays with each other. Replaying the same 2,000 batches
 * captured from bench:api (9,569 declarations, fresh database each run,
 * alternated), the database spent 167-183 µs per declaration with the one
 * generic plan against 286-336 µs planned per call on PostgreSQL 15, and
 * 335 against 500-572 µs on PGlite (its thread's time). Left to choose
 * without these guards, PostgreSQL settled after five calls on a generic
 * plan that read the assessments table in full for every batch (400-606
 * µs, growing with the table). Its
 * parameters are the statement's, in order. Its name carries a hash of its
 * definition: servers of two versions on one database (a rolling upgrade, a
 * rollback) each call their own, and a changed statement is a new function,
 * never one replaced under a running server.
 */
const STORE_BATCH_FUNCTION = `sieve_store_assessed_batch_${createHash('sha256').update(FUNCTION_BODY).digest('hex').slice(0, 12)}`;

/** The migration that creates {@link STORE_BATCH_FUNCTION} from the statement as this code writes it. */
export function storeBatchMigration(): { id: string; sql: string } {
  return {
    id: `900_${STORE_BATCH_FUNCTION}`,
    sql: `CREATE OR REPLACE FUNCTION ${STORE_BATCH_FUNCTION}${FUNCTION_BODY};`,
  };
}

const CALL_STORE_BATCH = `SELECT o_stored AS stored, o_declaration_id AS declaration_id,
  o_declaration_version AS declaration_version, o_snapshot AS snapshot, o_doc AS doc
  FROM ${STORE_BATCH_FUNCTION}(${PARAMETER_TYPES.map((_, i) => `$${i + 1}`).join(', ')})`;

interface BatchRow {
  stored: boolean;
  declaration_id: string;
  declaration_version: number;
  snapshot: string;
  doc: Assessment | string | null;
}

/** A batch made ready for {@link writeAssessedBatch}: the statement's parameters, plain data and bytes. */
export interface PreparedAssessedBatch {
  readonly params: unknown[];
}

/** What {@link writeAssessedBatch} answers: the assessments found stored before, by key (the rest are the batch's own). */
export interface WrittenAssessedBatch {
  readonly earlier: { key: string; doc: Assessment | string }[];
}

const keyOf = (a: Assessment) => assessmentKey(a.declarationId, a.declarationVersion, a.snapshotKey);
const rowKey = (r: BatchRow) => assessmentKey(r.declaration_id, r.declaration_version, r.snapshot);

/**
 * Turns declarations assessed in real time into the parameters of the store
 * statement, on the caller's thread (the server's, which has time to spare),
 * so that the database thread, which every request waits for, only runs the
 * statement. A declaration or an assessment sent twice in the batch is
 * stored once, the first as sent.
 */
export function prepareAssessedBatch(
  runId: number,
  items: readonly AssessedDeclaration[],
  memo?: PartyMemo,
): PreparedAssessedBatch {
  const declarations: unknown[][] = [];
  const declarationItems: unknown[][] = [];
  const parties = new Map<string, Party>();
  const seenDeclarations = new Set<string>();
  const seenAssessments = new Set<string>();
  const assessments: unknown[][] = [];
  const rules: unknown[][] = [];
  const audit: unknown[][] = [];
  const now = new Date().toISOString();
  // In key order (stable: the first sent of a key stays first), so that two servers writing batches
  // that share declarations take their locks in the same order instead of deadlocking.
  const ordered = items.map((item) => ({ item, key: keyOf(item.assessment) }));
  ordered.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  for (const { item, key: ak } of ordered) {
    const { declaration: d, json, assessment: a, audit: e } = item;
    const dk = `${d.id}\u0000${d.version}`;
    if (!seenDeclarations.has(dk)) {
      seenDeclarations.add(dk);
      declarations.push(declarationValues(d, json, runId));
      declarationItems.push(...itemValues(d));
      for (const p of partiesOf(d)) addParty(parties, p);
    }
    if (seenAssessments.has(ak)) continue;
    seenAssessments.add(ak);
    assessments.push(assessmentValues(a, null, now));
    rules.push(...firedRuleValues(a, null));
    audit.push([
      e.actor,
      e.action,
      e.entity,
      e.entityId ?? null,
      e.reason ?? null,
      e.source ?? null,
      JSON.stringify(e.details ?? {}),
      a.declarationId,
      a.declarationVersion,
      a.snapshotKey,
    ]);
  }
  return {
    params: [
      runId,
      items.length,
      partiesJson(parties, memo),
      ...toColumnParams(declarations, DECLARATION_COLUMNS),
      ...toColumnParams(declarationItems, ITEM_COLUMNS),
      ...toColumnParams(assessments, ASSESSMENT_COLUMNS),
      ...toColumnParams(rules, RULE_COLUMNS),
      ...toColumnParams(audit, AUDIT_COLUMNS),
    ],
  };
}

/**
 * Runs a prepared batch: one statement, so one transaction (see
 * {@link STORE_BATCH}). Where the database is (PGlite's thread): only the
 * keys and the few assessments stored before cross back.
 */
export async function writeAssessedBatch(
  sql: SqlClient,
  batch: PreparedAssessedBatch,
): Promise<WrittenAssessedBatch> {
  // Prepared once per connection on a PostgreSQL server, and once in PGlite, under the function's name
  // (which carries the hash of its definition): parsing and planning the call for every batch was
  // about 8% of the backend's time per assessment (perf, bench:api; BENCHMARKS.md "API", 2026-11-23
  // 05:58), and in PGlite it took six calls into the database instead of one (pglite-client.ts).
  // A connection pooler in front of the server must keep prepared statements (session pooling, or
  // PgBouncer 1.21 or later with max_prepared_statements).
  const rows = await sql.query<BatchRow>(CALL_STORE_BATCH, batch.params, { prepared: STORE_BATCH_FUNCTION });
  const inserted = new Set<string>();
  const earlier = new Map<string, Assessment | string>();
  for (const r of rows) {
    if (r.stored) inserted.add(rowKey(r));
    else if (r.doc !== null) earlier.set(rowKey(r), r.doc);
  }
  // Neither inserted nor there before the statement: another connection stored it meanwhile (PostgreSQL).
  const [ids, versions, snapshots] = batch.params.slice(P.assessments - 1, P.assessments + 2) as [
    string[],
    number[],
    string[],
  ];
  const missing = ids.flatMap((id, i) => {
    const k = assessmentKey(id, versions[i]!, snapshots[i]!);
    return inserted.has(k) || earlier.has(k) ? [] : [i];
  });
  if (missing.length) {
    for (const r of await sql.query<BatchRow>(storedUnder(1), [
      missing.map((i) => ids[i]),
      missing.map((i) => versions[i]),
      missing.map((i) => snapshots[i]),
    ])) {
      earlier.set(rowKey(r), r.doc!);
    }
  }
  return { earlier: [...earlier].map(([key, doc]) => ({ key, doc })) };
}

/**
 * For each item of a batch, from what {@link writeAssessedBatch} answered:
 * null when its own assessment was stored, or the one stored before for the
 * same declaration version and snapshot (by another request, or by the first
 * item of this batch with that key).
 */
export function answersOf(
  items: readonly AssessedDeclaration[],
  written: WrittenAssessedBatch,
): (Assessment | null)[] {
  const stored = new Map<string, Assessment>();
  for (const { key, doc } of written.earlier) {
    stored.set(key, typeof doc === 'string' ? (JSON.parse(doc) as Assessment) : doc);
  }
  for (const { assessment: a } of items) {
    const k = keyOf(a);
    if (!stored.has(k)) stored.set(k, a); // the first of the batch with this key is the one stored
  }
  return items.map(({ assessment: a }) => {
    const s = stored.get(keyOf(a))!;
    return s === a ? null : s;
  });
}
