import type { Assessment } from '@sieve/core/scoring';
import { type AssessedDeclaration, storeAssessedBatch } from './assessed-declarations.ts';
import { PartyMemo } from './intake-batch.ts';
import type { SqlClient } from './sql-client.ts';

export type { AssessedDeclaration } from './assessed-declarations.ts';

/**
 * Stores declarations assessed in real time (see {@link storeAssessedBatch}),
 * counted in the intake run `runId`. Returns, for each item, null when its
 * own assessment was stored, or the one stored before for the same
 * declaration version and snapshot.
 */
async function storeAssessedDeclarations(
  sql: SqlClient,
  a: { runId: number; items: readonly AssessedDeclaration[] },
): Promise<(Assessment | null)[]> {
  return storeAssessedBatch(sql, a.runId, a.items, partyMemoOf(sql)).catch((err) => {
    // What the memo says was sent may have been rolled back with the statement.
    partyMemos.delete(sql);
    throw err;
  });
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
 * @example const stored = await callProcedure(store.sql, 'storeAssessedDeclarations', { runId, items });
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
