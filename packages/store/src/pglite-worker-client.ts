import { Worker } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './pglite-worker-protocol.ts';
import type { ProcedureHost, ProcedureName } from './procedures.ts';
import type { QueryOptions, SqlClient } from './sql-client.ts';

/** A PostgreSQL error as the database thread reported it, with its fields (code, detail, constraint...). */
export class PgliteWorkerError extends Error {
  readonly code?: string;
  readonly detail?: string;
  readonly constraint?: string;
  constructor(message: string, fields: Record<string, string>) {
    super(message);
    this.name = 'PgliteWorkerError';
    Object.assign(this, fields);
  }
}

/** Distribute Omit over a union, so each request keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * The embedded PostgreSQL (PGlite) in a worker thread of its own. PGlite runs
 * its statements synchronously in WebAssembly, so on the main thread a
 * transaction stops every other request for as long as it runs (a server's
 * latency is then the database's). Here the main thread only sends messages
 * and stays free for HTTP, parsing and scoring while the database works on
 * the other core. Same interface and same SQL as {@link openPgliteClient};
 * each statement costs one message round trip (tens of microseconds), and a
 * store procedure (procedures.ts) runs all of its statements there for one.
 *
 * Written here because PGlite's own worker (`@electric-sql/pglite/worker`)
 * is made for browsers (Web Workers, BroadcastChannel, Web Locks).
 *
 * @example const sql = await openPgliteWorkerClient('.sieve/data');
 */
export async function openPgliteWorkerClient(dataDir?: string): Promise<SqlClient> {
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
    workerData: { dataDir },
  });
  let next = 1;
  let failed: Error | undefined;
  const pending = new Map<number, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>();
  const settleAll = (err: Error) => {
    failed = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('message', (r: WorkerReply) => {
    const p = pending.get(r.id);
    if (!p) return;
    pending.delete(r.id);
    if (r.ok) p.resolve(r);
    else p.reject(new PgliteWorkerError(r.message, r.fields));
  });
  worker.on('error', (err) => settleAll(err));
  worker.on('exit', (code) => settleAll(new Error(`the database thread stopped (exit code ${code})`)));

  const await_ = (id: number) =>
    new Promise<WorkerReply>((resolve, reject) => {
      if (failed) return reject(failed);
      pending.set(id, { resolve, reject });
    });
  const send = (req: WithoutId<WorkerRequest>): Promise<WorkerReply> => {
    const id = next++;
    const answer = await_(id);
    try {
      worker.postMessage({ ...req, id } as WorkerRequest);
    } catch (err) {
      // Arguments that cannot be cloned: nothing was sent, so nothing will answer.
      pending.delete(id);
      return Promise.reject(err);
    }
    return answer;
  };

  await await_(0); // the database is open (or its error is thrown here)

  const client = (tx?: number): SqlClient & Partial<ProcedureHost> => ({
    kind: 'pglite',
    async query<T>(sql: string, params: readonly unknown[] = [], options?: QueryOptions) {
      const r = await send({ op: 'query', tx, sql, params, prepared: options?.prepared });
      return (r.ok ? r.rows : []) as T[];
    },
    async exec(sql: string) {
      await send({ op: 'exec', tx, sql });
    },
    async copyFrom(table, columns, rows) {
      if (!rows) return;
      await send({ op: 'copy', tx, table, columns, rows });
    },
    // Cloned into the worker (a transfer would take them from a batch that may be retried). A clone
    // copies a view's whole buffer: a view of part of one (a batch's spare room, Node's shared pool)
    // is cut out first.
    async copyFromBytes(table, columns, rows) {
      if (!rows.length) return;
      const whole = rows.byteOffset === 0 && rows.byteLength === rows.buffer.byteLength;
      await send({ op: 'copy', tx, table, columns, rows: whole ? rows : rows.slice() });
    },
    async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
      if (tx !== undefined) return fn(client(tx)); // already inside one: PGlite has no nested transactions
      const id = next; // the id send() gives the 'begin' below
      await send({ op: 'begin' });
      const ended = await_(-id);
      let result: T;
      try {
        result = await fn(client(id));
      } catch (err) {
        worker.postMessage({ op: 'end', id: 0, tx: id, commit: false } satisfies WorkerRequest);
        await ended.catch(() => undefined); // the caller's error is the one that matters
        throw err;
      }
      worker.postMessage({ op: 'end', id: 0, tx: id, commit: true } satisfies WorkerRequest);
      await ended;
      return result;
    },
    // Only outside a transaction: a procedure runs its own, in the database thread.
    ...(tx === undefined
      ? {
          async callInDatabase(name: ProcedureName, args: unknown) {
            const r = await send({ op: 'call', name, args });
            return r.ok ? r.result : undefined;
          },
        }
      : {}),
    async close() {
      if (tx !== undefined) return;
      if (!failed) await send({ op: 'close' });
      await worker.terminate();
    },
  });
  return client();
}
