import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { SqlClient } from './sql-client.ts';

type Queryable = PGlite | Transaction;

/**
 * How PGlite starts: its defaults (among them fsync off, `-F`), and full
 * page writes off, as PostgreSQL's documentation advises with fsync off.
 * A full page image in the WAL guards against a page half written when the
 * machine stops; with fsync off such a stop can lose or tear anything
 * anyway, and a stopped process leaves whole pages with the operating
 * system. Without the images, a million-declaration intake was 5% faster
 * (bench:ingest, PGlite alone, alternated: 11,263 and 12,157/s against
 * 10,747 and 11,556/s; BENCHMARKS.md "Intake", run of 2026-11-23 09:58).
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'full_page_writes=off'];

/**
 * A PGlite database in `dataDir` (created if need be), or in memory when
 * undefined (tests), started with {@link START_PARAMS}; on this thread or
 * on the worker thread that owns it (pglite-worker.ts).
 */
export function newPglite(dataDir?: string): PGlite {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  return dataDir
    ? new PGlite(dataDir, { startParams: START_PARAMS })
    : new PGlite({ startParams: START_PARAMS });
}

/** The embedded PostgreSQL (PGlite, WebAssembly) on this thread: see {@link newPglite}. */
export async function openPgliteClient(dataDir?: string): Promise<SqlClient> {
  const db = newPglite(dataDir);
  await db.waitReady;
  return pgliteSqlClient(db);
}

/**
 * Settings for a server's embedded database (the worker thread of `sieve
 * serve`), where requests wait on each commit. PGlite runs with fsync off
 * (the operating system keeps its files), and zero-filling each new 16 MB
 * WAL segment stalled the commit that needed one for about 40 ms: the
 * slowest real-time assessments (bench:api) waited on it. Left on for bulk
 * intake, where writing into segments made whole was faster (bench:ingest,
 * 1,000,000 declarations: 10,535/s with zero-filling, 9,094/s without).
 */
export async function tuneForRequests(db: PGlite): Promise<void> {
  await db.exec('SET wal_init_zero = off');
}

/** The store's interface over an open PGlite database (the worker thread's, for one). */
export function pgliteSqlClient(db: PGlite): SqlClient {
  return wrap(db, db);
}

async function copyBlob(q: Queryable, table: string, columns: readonly string[], rows: string | Uint8Array) {
  if (rows.length === 0) return;
  // BlobPart in the DOM typings (the web app's typecheck) wants an ArrayBuffer-backed view; Node takes any.
  await q.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], {
    blob: new Blob([rows] as ConstructorParameters<typeof Blob>[0]),
  });
}

/** PostgreSQL's type oid for json. */
const JSON_OID = 114;

/**
 * A json parameter given as UTF-8 bytes goes as it is, in binary format (as
 * node-postgres sends a Buffer); PGlite's own json serializer would
 * stringify the byte array. Anything else as PGlite serializes json.
 */
const SERIALIZERS = {
  [JSON_OID]: (v: unknown) =>
    v instanceof Uint8Array || typeof v === 'string'
      ? v
      : JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x)),
} as unknown as Record<number, (v: unknown) => string>;

/** The options of every query through the store, here and in the worker thread's plain statements. */
export const QUERY_OPTIONS = { serializers: SERIALIZERS };

function wrap(q: Queryable, root: PGlite): SqlClient {
  return {
    kind: 'pglite',
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const r = await q.query<T>(sql, params as unknown[], QUERY_OPTIONS);
      return r.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    copyFrom: (table, columns, rows) => copyBlob(q, table, columns, rows),
    copyFromBytes: (table, columns, rows) => copyBlob(q, table, columns, rows),
    async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
      if (q !== root) return fn(wrap(q, root)); // already inside one: PGlite has no nested transactions
      return root.transaction((tx) => fn(wrap(tx, root)));
    },
    async close() {
      if (q === root) await root.close();
    },
  };
}
