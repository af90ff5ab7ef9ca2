import type { Assessment } from '@sieve/core/scoring';
import {
  type AssessedDeclaration,
  answersOf,
  prepareAssessedBatch,
  writeAssessedBatch,
} from './assessed-declarations.ts';
import { PartyMemo } from './intake-batch.ts';
import type { SqlClient } from './sql-client.ts';

export type { AssessedDeclaration } from './assessed-declarations.ts';

/**
 * Stores declarations assessed in real time, counted in the intake run
 * `runId`: the batch is made ready here ({@link prepareAssessedBatch}) and
 * written in one statement where the database is ({@link writeAssessedBatch}).
 * Returns, for each item, null when its own assessment was stored, or the
 * one stored before for the same declaration version and snapshot.
 *
 * @example const stored = await storeAssessedDeclarations(store.sql, { runId, items });
 */
export async function storeAssessedDeclarations(
  sql: SqlClient,
  a: { runId: number; items: readonly AssessedDeclaration[] },
): Promise<(Assessment | null)[]> {
  const batch = prepareAssessedBatch(a.runId, a.items, partyMemoOf(sql));
  const written = await callProcedure(sql, 'writeAssessedBatch', batch).catch((err) => {
    // What the memo says was sent may have been rolled back with the statement.
    partyMemos.delete(sql);
    throw err;
  });
  return answersOf(a.items, written);
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
export const PROCEDURES = { writeAssessedBatch } as const;
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
 * @example const written = await callProcedure(store.sql, 'writeAssessedBatch', prepareAssessedBatch(runId, items));
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
