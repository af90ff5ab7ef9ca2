/**
 * The worker thread that owns an embedded PGlite database for
 * {@link openPgliteWorkerClient}. It runs each message's statement on the
 * database, or on the open transaction the message names, and answers with
 * the rows or the error's PostgreSQL fields. PGlite's own locks order the
 * work: a statement outside a transaction waits until the open one ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Transaction } from '@electric-sql/pglite';
import {
  newPglite,
  pgliteSqlClient,
  QUERY_OPTIONS,
  queryPrepared,
  tuneForRequests,
} from './pglite-client.ts';
import type { WorkerReply, WorkerRequest } from './pglite-worker-protocol.ts';
import type { SqlClient } from './sql-client.ts';

if (!parentPort) throw new Error('pglite-worker.ts runs as a worker thread (see pglite-worker-client.ts)');
const port = parentPort;

const db = newPglite((workerData as { dataDir?: string }).dataDir);

/** The store's interface over this thread's database, for procedures. */
let local: SqlClient | undefined;

/** Open transactions by id, each with the way to end it. */
const open = new Map<number, { tx: Transaction; end: (commit: boolean) => void }>();

const reply = (r: WorkerReply) => port.postMessage(r);

function fail(id: number, err: unknown): void {
  const e = err as Record<string, unknown> & Error;
  const fields: Record<string, string> = {};
  // The fields repositories and error messages read (code 23505, constraint names, details).
  for (const k of [
    'code',
    'detail',
    'hint',
    'constraint',
    'table',
    'column',
    'schema',
    'where',
    'position',
  ]) {
    if (typeof e?.[k] === 'string') fields[k] = e[k] as string;
  }
  reply({ id, ok: false, message: e instanceof Error ? e.message : String(err), fields });
}

async function handle(m: WorkerRequest): Promise<void> {
  const on = m.tx === undefined ? db : open.get(m.tx)?.tx;
  if (!on) throw new Error(`transaction ${m.tx} is not open in the database thread`);
  switch (m.op) {
    case 'query': {
      if (m.prepared) {
        const tx = on === db ? undefined : (on as Transaction);
        return reply({ id: m.id, ok: true, rows: await queryPrepared(db, tx, m.prepared, m.sql, m.params) });
      }
      const r = await on.query(m.sql, m.params as unknown[], QUERY_OPTIONS);
      return reply({ id: m.id, ok: true, rows: r.rows });
    }
    case 'exec':
      await on.exec(m.sql);
      return reply({ id: m.id, ok: true });
    case 'copy':
      await on.query(`COPY ${m.table} (${m.columns.join(', ')}) FROM '/dev/blob'`, [], {
        blob: new Blob([m.rows]),
      });
      return reply({ id: m.id, ok: true });
    case 'begin': {
      // Answered once the transaction is open; it stays open until 'end' for the same id.
      let opened = false;
      db.transaction(
        (tx) =>
          new Promise<void>((resolve, reject) => {
            opened = true;
            open.set(m.id, {
              tx,
              end: (commit) => (commit ? resolve() : reject(new RollbackRequested())),
            });
            reply({ id: m.id, ok: true });
          }),
      ).then(
        () => reply({ id: -m.id, ok: true }),
        (err) =>
          err instanceof RollbackRequested
            ? reply({ id: -m.id, ok: true })
            : fail(opened ? -m.id : m.id, err),
      );
      return;
    }
    case 'end': {
      const t = open.get(m.tx!);
      open.delete(m.tx!);
      t?.end(m.commit);
      // The outcome is sent under -tx by the 'begin' handler once PGlite has committed or rolled back.
      return;
    }
    case 'call': {
      // Loaded on first use: the repositories it brings are not needed for plain statements.
      const { PROCEDURES } = await import('./procedures.ts');
      const procedure = PROCEDURES[m.name as keyof typeof PROCEDURES];
      if (!procedure) throw new Error(`no store procedure named "${m.name}"`);
      local ??= pgliteSqlClient(db);
      const result = await procedure(local, m.args as never);
      return reply({ id: m.id, ok: true, result });
    }
    case 'close':
      await db.close();
      reply({ id: m.id, ok: true });
      port.close();
      return;
  }
}

class RollbackRequested extends Error {}

db.waitReady.then(
  async () => {
    await tuneForRequests(db);
    reply({ id: 0, ok: true });
    port.on('message', (m: WorkerRequest) => {
      // An 'end' is answered under -tx (its own id is 0): so must its failure be.
      handle(m).catch((err) => fail(m.op === 'end' ? -m.tx : m.id, err));
    });
  },
  (err) => fail(0, err),
);
