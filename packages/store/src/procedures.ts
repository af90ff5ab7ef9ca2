import type { Declaration } from '@sieve/core';
import type { Assessment } from '@sieve/core/scoring';
import { writeAssessmentsIn } from './assessment.repository.ts';
import type { NewAuditEntry } from './audit.repository.ts';
import { appendAuditEntries } from './audit-search.repository.ts';
import { IntakeRepository } from './intake.repository.ts';
import { PartyMemo } from './intake-batch.ts';
import type { SqlClient } from './sql-client.ts';

/** One declaration assessed in real time, with the audit entry to write if its assessment is new. */
export interface AssessedDeclaration {
  readonly declaration: Declaration;
  /** Its JSON text as received, when that is exactly the declaration: stored as it is. */
  readonly json?: string;
  readonly assessment: Assessment;
  readonly audit: NewAuditEntry;
}

/**
 * Stores declarations assessed in real time, in one transaction: the
 * declarations through intake (counted in the run `runId`, numbered from
 * `firstRecordNo`), the assessments not stored yet, and an audit entry for
 * each of those. Returns, for each item, null when its own assessment was
 * stored, or the one stored before for the same declaration version and
 * snapshot (so only those cross back from the database thread).
 */
async function storeAssessedDeclarations(
  sql: SqlClient,
  a: { runId: number; firstRecordNo: number; items: readonly AssessedDeclaration[] },
): Promise<(Assessment | null)[]> {
  const key = (x: { declarationId: string; declarationVersion: number; snapshotKey: string }) =>
    `${x.declarationId}\u0000${x.declarationVersion}\u0000${x.snapshotKey}`;
  return sql.transaction(storeIn).catch((err) => {
    // What the memo says was sent may have been rolled back with this transaction.
    partyMemos.delete(sql);
    throw err;
  });
  async function storeIn(tx: SqlClient): Promise<(Assessment | null)[]> {
    const existing = await tx.query<{
      declaration_id: string;
      declaration_version: number;
      snapshot: string;
      doc: Assessment | string;
    }>(
      `SELECT declaration_id, declaration_version, snapshot, doc FROM assessments
        WHERE (declaration_id, declaration_version, snapshot) IN (SELECT * FROM unnest($1::text[], $2::int[], $3::text[]))`,
      [
        a.items.map((i) => i.assessment.declarationId),
        a.items.map((i) => i.assessment.declarationVersion),
        a.items.map((i) => i.assessment.snapshotKey),
      ],
    );
    const stored = new Map(
      existing.map((r) => [
        key({
          declarationId: r.declaration_id,
          declarationVersion: r.declaration_version,
          snapshotKey: r.snapshot,
        }),
        typeof r.doc === 'string' ? (JSON.parse(r.doc) as Assessment) : r.doc,
      ]),
    );
    await new IntakeRepository(tx).writeBatch(
      a.runId,
      a.items.map((i, n) => ({
        kind: 'declaration',
        value: i.declaration,
        recordNo: a.firstRecordNo + n,
        ...(i.json ? { json: i.json } : {}),
      })),
      [],
      partyMemoOf(sql),
    );
    // The first of a batch for a key is stored and audited; a later one (sent twice at once) gets it back.
    const fresh: AssessedDeclaration[] = [];
    const answers = a.items.map((i) => {
      const k = key(i.assessment);
      const earlier = stored.get(k);
      if (earlier) return earlier === i.assessment ? null : earlier;
      stored.set(k, i.assessment);
      fresh.push(i);
      return null;
    });
    await writeAssessmentsIn(
      tx,
      null,
      fresh.map((i) => i.assessment),
      { knownNew: true },
    );
    await appendAuditEntries(
      tx,
      fresh.map((i) => i.audit),
    );
    return answers;
  }
}

/**
 * The parties each database has been sent by real-time assessment: the same
 * importers and declarants come back request after request, and an
 * unchanged party needs no upsert (see {@link PartyMemo}).
 */
const partyMemos = new WeakMap<SqlClient, PartyMemo>();
function partyMemoOf(sql: SqlClient): PartyMemo {
  const known = partyMemos.get(sql);
  if (known) return known;
  const memo = new PartyMemo();
  partyMemos.set(sql, memo);
  return memo;
}

/**
 * Store operations that run as a whole where the database is: on PGlite in a
 * worker thread, one message runs every statement of the operation there,
 * instead of one round trip between the threads per statement. Elsewhere
 * they run here, on the given client.
 */
export const PROCEDURES = { storeAssessedDeclarations } as const;
export type ProcedureName = keyof typeof PROCEDURES;
type Args<N extends ProcedureName> = Parameters<(typeof PROCEDURES)[N]>[1];
type Result<N extends ProcedureName> = Awaited<ReturnType<(typeof PROCEDURES)[N]>>;

/** A client that can run a procedure where its database is (see pglite-worker-client.ts). */
export interface ProcedureHost {
  callInDatabase(name: ProcedureName, args: unknown): Promise<unknown>;
}

/**
 * Runs a store procedure: in the database thread when the client has one,
 * otherwise on the client itself. Arguments and results must survive a
 * structured clone (plain data).
 *
 * @example const stored = await callProcedure(store.sql, 'storeAssessedDeclarations', { runId, firstRecordNo: 1, items });
 */
export async function callProcedure<N extends ProcedureName>(
  sql: SqlClient,
  name: N,
  args: Args<N>,
): Promise<Result<N>> {
  const host = sql as Partial<ProcedureHost> & SqlClient;
  if (host.callInDatabase) return (await host.callInDatabase(name, args)) as Result<N>;
  return PROCEDURES[name](sql, args) as Promise<Result<N>>;
}
