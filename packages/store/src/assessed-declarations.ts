import { createHash } from 'node:crypto';
import type { Declaration, Party } from '@sieve/core';
import type { Assessment } from '@sieve/core/scoring';
import {
  ASSESSMENT_COLUMNS,
  assessmentValues,
  firedRuleValues,
  RULE_COLUMNS,
} from './assessment.repository.ts';
import type { NewAuditEntry } from './audit.repository.ts';
import { columnNames, type TypedColumn, toColumnArrays, unnestColumns } from './columns.ts';
import {
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
  ['details', 'jsonb'],
  ['declaration_id', 'text'],
  ['declaration_version', 'int'],
  ['snapshot', 'text'],
] as const satisfies readonly TypedColumn[];

const ASSESSMENT_KEY = 'declaration_id, declaration_version, snapshot';

/** The statement's parameters: the run, the count, the parties, then each table's columns in turn. */
const PARAMETER_TYPES: string[] = ['bigint', 'int', 'jsonb'];
const P = (() => {
  const take = (columns: readonly TypedColumn[]) => {
    const first = PARAMETER_TYPES.length + 1;
    for (const [, type] of columns) PARAMETER_TYPES.push(`${type}[]`);
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
 * The whole batch in one statement. Each statement costs PGlite a fixed
 * 0.3-0.5 ms under load whatever it does, and a batch written statement by
 * statement (two look-ups, four COPYs, the parties, the run's counters, the
 * audit, the transaction) took 6 ms, for which every request of the next
 * batch waited (bench:api). Data-modifying WITH clauses run together, in one
 * snapshot: a row conflicting with one already stored is left out (ON
 * CONFLICT DO NOTHING), the items, fired rules and audit entries follow only
 * the rows inserted, and the last SELECT, which sees the database as it was
 * before the statement, returns the assessments stored earlier under the
 * batch's keys.
 */
const STORE_BATCH = `
WITH new_declarations AS (
  INSERT INTO declarations (${list(DECLARATION_COLUMNS)})
  SELECT * FROM ${unnestColumns(DECLARATION_COLUMNS, P.declarations)}
  ON CONFLICT (id, version) DO NOTHING
  RETURNING id, version
), new_items AS (
  INSERT INTO declaration_items (${list(ITEM_COLUMNS)})
  SELECT i.* FROM ${unnestColumns(ITEM_COLUMNS, P.items)} AS i (${list(ITEM_COLUMNS)})
  WHERE (i.declaration_id, i.version) IN (SELECT id, version FROM new_declarations)
), parties_seen AS (
  ${upsertPartiesFrom('$3')}
), new_assessments AS (
  INSERT INTO assessments (${list(ASSESSMENT_COLUMNS)})
  SELECT * FROM ${unnestColumns(ASSESSMENT_COLUMNS, P.assessments)}
  ON CONFLICT (${ASSESSMENT_KEY}) DO NOTHING
  RETURNING ${ASSESSMENT_KEY}
), new_rules AS (
  INSERT INTO assessment_rules (${list(RULE_COLUMNS)})
  SELECT r.* FROM ${unnestColumns(RULE_COLUMNS, P.rules)} AS r (${list(RULE_COLUMNS)})
  WHERE (${ASSESSMENT_KEY}) IN (SELECT ${ASSESSMENT_KEY} FROM new_assessments)
), audited AS (
  INSERT INTO audit_log (actor, action, entity, entity_id, reason, source, details)
  SELECT e.actor, e.action, e.entity, e.entity_id, e.reason, e.source, e.details
    FROM ${unnestColumns(AUDIT_COLUMNS, P.audit)} WITH ORDINALITY AS e (${list(AUDIT_COLUMNS)}, n)
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
SELECT false, ${ASSESSMENT_KEY}, doc FROM assessments
 WHERE (${ASSESSMENT_KEY}) IN (
   SELECT * FROM unnest($${P.assessments}::text[], $${P.assessments + 1}::int[], $${P.assessments + 2}::text[]))`;

/**
 * The statement as a function of the database, created by the migrations
 * ({@link storeBatchMigration}). PGlite plans an unnamed statement each time
 * it runs, and planning this one took a third of its time (EXPLAIN ANALYZE:
 * 1.5 of 4.6 ms); PL/pgSQL keeps the plan of the statement in a function for
 * the whole session. Its parameters are the statement's, in order.
 */
const STORE_BATCH_FUNCTION = 'sieve_store_assessed_batch';

/**
 * The migration that (re)creates {@link STORE_BATCH_FUNCTION} from the
 * statement as this code writes it. Its id carries a hash of its text, so a
 * changed statement or column list is applied to existing databases as a
 * new migration, under the migrations' lock.
 */
export function storeBatchMigration(): { id: string; sql: string } {
  const sql = `DROP FUNCTION IF EXISTS ${STORE_BATCH_FUNCTION};
CREATE FUNCTION ${STORE_BATCH_FUNCTION}(${PARAMETER_TYPES.join(', ')})
  RETURNS TABLE (o_stored boolean, o_declaration_id text, o_declaration_version int, o_snapshot text, o_doc json)
  LANGUAGE plpgsql AS $function$
#variable_conflict use_column
BEGIN
  RETURN QUERY ${STORE_BATCH};
END
$function$;`;
  return {
    id: `900_store_assessed_batch_${createHash('sha256').update(sql).digest('hex').slice(0, 12)}`,
    sql,
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

const keyOf = (a: { declarationId: string; declarationVersion: number; snapshotKey: string }) =>
  `${a.declarationId}\u0000${a.declarationVersion}\u0000${a.snapshotKey}`;
const rowKey = (r: BatchRow) => `${r.declaration_id}\u0000${r.declaration_version}\u0000${r.snapshot}`;
const parsed = (doc: Assessment | string) =>
  typeof doc === 'string' ? (JSON.parse(doc) as Assessment) : doc;

/**
 * Stores declarations assessed in real time, in one statement (so in one
 * transaction): the declarations through intake (counted in the intake run
 * `runId`), the assessments not stored yet, and an audit entry for each of
 * those. Returns, for each item, null when its own assessment was stored, or
 * the one stored before for the same declaration version and snapshot (so
 * only those cross back from the database thread). A declaration or an
 * assessment sent twice in one batch is stored once, the first as sent.
 */
export async function storeAssessedBatch(
  sql: SqlClient,
  runId: number,
  items: readonly AssessedDeclaration[],
  memo?: PartyMemo,
): Promise<(Assessment | null)[]> {
  const declarations: unknown[][] = [];
  const declarationItems: unknown[][] = [];
  const parties = new Map<string, Party>();
  const seenDeclarations = new Set<string>();
  const assessments: unknown[][] = [];
  const rules: unknown[][] = [];
  const audit: unknown[][] = [];
  /** The first item of the batch for each assessment key: the one stored, unless one was stored before. */
  const first = new Map<string, Assessment>();
  const now = new Date().toISOString();
  for (const { declaration: d, json, assessment: a, audit: e } of items) {
    const dk = `${d.id}\u0000${d.version}`;
    if (!seenDeclarations.has(dk)) {
      seenDeclarations.add(dk);
      declarations.push(declarationValues(d, json, runId));
      declarationItems.push(...itemValues(d));
      for (const p of partiesOf(d)) parties.set(p.id, p);
    }
    const ak = keyOf(a);
    if (first.has(ak)) continue;
    first.set(ak, a);
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
  const rows = await sql.query<BatchRow>(CALL_STORE_BATCH, [
    runId,
    items.length,
    partiesJson(parties, memo),
    ...toColumnArrays(declarations, DECLARATION_COLUMNS.length),
    ...toColumnArrays(declarationItems, ITEM_COLUMNS.length),
    ...toColumnArrays(assessments, ASSESSMENT_COLUMNS.length),
    ...toColumnArrays(rules, RULE_COLUMNS.length),
    ...toColumnArrays(audit, AUDIT_COLUMNS.length),
  ]);
  const stored = new Map<string, Assessment>();
  const inserted = new Set<string>();
  for (const r of rows) {
    if (r.stored) inserted.add(rowKey(r));
    else if (r.doc !== null) stored.set(rowKey(r), parsed(r.doc));
  }
  // Neither inserted nor there before the statement: another connection stored it meanwhile (PostgreSQL).
  const missing = [...first.values()].filter((a) => !inserted.has(keyOf(a)) && !stored.has(keyOf(a)));
  if (missing.length) {
    for (const r of await sql.query<BatchRow>(
      `SELECT false AS stored, ${ASSESSMENT_KEY}, doc FROM assessments
        WHERE (${ASSESSMENT_KEY}) IN (SELECT * FROM unnest($1::text[], $2::int[], $3::text[]))`,
      [
        missing.map((a) => a.declarationId),
        missing.map((a) => a.declarationVersion),
        missing.map((a) => a.snapshotKey),
      ],
    )) {
      stored.set(rowKey(r), parsed(r.doc!));
    }
  }
  return items.map(({ assessment: a }) => {
    const k = keyOf(a);
    const before = stored.get(k);
    if (before) return before;
    return first.get(k) === a ? null : first.get(k)!;
  });
}
