import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type messages, PGlite, type Transaction, types } from '@electric-sql/pglite';
import { serialize } from 'pg-protocol';
import type { QueryOptions, SqlClient } from './sql-client.ts';

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
    async query<T>(sql: string, params: readonly unknown[] = [], options?: QueryOptions) {
      if (options?.prepared) {
        return queryPrepared<T>(
          root,
          q === root ? undefined : (q as Transaction),
          options.prepared,
          sql,
          params,
        );
      }
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

// node-postgres's conversion of a parameter to what goes on the wire (arrays as literals, bytes as
// they are), so that a statement prepared here takes its parameters as on a PostgreSQL server.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as {
  prepareValue(v: unknown): string | Buffer | null;
};

/** A statement parsed once under its name in one PGlite database, with the columns it answers. */
interface PreparedStatement {
  readonly text: string;
  readonly columns: readonly { name: string; typeId: number }[];
}
const preparedIn = new WeakMap<PGlite, Map<string, PreparedStatement>>();

/**
 * Runs `sql` as the statement `name`, parsed and described once in this
 * database, then bound and executed with one call into it each time.
 * PGlite's query() sends Parse, Describe, Bind, Describe, Execute and Sync
 * as six calls into the database, parsing and planning the statement every
 * time: a statement of 40 array parameters took 243 µs a call that way
 * against 52 kept parsed (a probe of 3,000 calls), and bench:api on PGlite,
 * whose batch call has 61 parameters, answered with a p99 of 17-22 ms
 * against 22-38 (BENCHMARKS.md "API", 2026-11-23 14:54-15:03).
 * Parameters go as node-postgres converts them for a server (text, or bytes
 * in binary format: a Date as local time, an array as an array literal, so
 * json parameters are given as JSON text or bytes); rows come back as
 * PGlite's query() gives them. Locks as query() takes them: outside a
 * transaction, PGlite's transaction lock too; inside `tx`, whose caller
 * holds it, only the query lock. Outside a transaction, a statement gone
 * from the database (DEALLOCATE) or prepared there by other means is parsed
 * again; inside one, such an error has aborted it, and is thrown.
 */
export async function queryPrepared<T>(
  db: PGlite,
  tx: Transaction | undefined,
  name: string,
  sql: string,
  params: readonly unknown[],
): Promise<T[]> {
  await db._checkReady();
  const known = preparedIn.get(db) ?? new Map<string, PreparedStatement>();
  if (!preparedIn.has(db)) preparedIn.set(db, known);
  const bound = Buffer.concat([
    serialize.bind({ statement: name, values: params.map((v) => prepareValue(v)) }),
    serialize.execute({}),
    serialize.sync(),
  ]);
  const run = async (): Promise<T[]> => {
    for (let retried = false; ; retried = true) {
      const { columns } = await statementIn(db, known, name, sql, tx !== undefined);
      try {
        return rowsOf<T>((await db.execProtocol(bound)).messages, columns, db.parsers);
      } catch (err) {
        if (retried || tx || (err as { code?: string }).code !== INVALID_STATEMENT_NAME) throw err;
        known.delete(name); // deallocated since: parse it again
      }
    }
  };
  // As a closed transaction's own query() says, rather than run outside it.
  if (tx?.closed) throw new Error('Transaction is closed');
  return tx ? db._runExclusiveQuery(run) : db._runExclusiveTransaction(() => db._runExclusiveQuery(run));
}

/** The statement `name` as parsed in `db`, parsing and describing it there first if need be. */
async function statementIn(
  db: PGlite,
  statements: Map<string, PreparedStatement>,
  name: string,
  sql: string,
  inTransaction: boolean,
): Promise<PreparedStatement> {
  const known = statements.get(name);
  if (known && known.text !== sql) {
    throw new Error(`statement "${name}" is already prepared with another text in this database`);
  }
  if (known) return known;
  const parse = Buffer.concat([
    serialize.parse({ name, text: sql, types: [] }),
    serialize.describe({ type: 'S', name }),
    serialize.sync(),
  ]);
  const described = await db.execProtocol(parse).catch(async (err: { code?: string }) => {
    if (inTransaction || err.code !== DUPLICATE_STATEMENT) throw err;
    // Prepared by other means (SQL's PREPARE). Through the protocol: db.exec() would wait for the locks
    // the caller holds.
    await db.execProtocol(serialize.query(`DEALLOCATE "${name.replaceAll('"', '""')}"`));
    return db.execProtocol(parse);
  });
  const fields = described.messages.find(
    (m): m is messages.RowDescriptionMessage => m.name === 'rowDescription',
  );
  const statement = {
    text: sql,
    columns: (fields?.fields ?? []).map((f) => ({ name: f.name, typeId: f.dataTypeID })),
  };
  statements.set(name, statement);
  return statement;
}

/** The data rows among `messages`, as PGlite's query() makes them. */
function rowsOf<T>(
  received: readonly messages.BackendMessage[],
  columns: PreparedStatement['columns'],
  parsers: PGlite['parsers'],
): T[] {
  const rows: T[] = [];
  for (const m of received) {
    if (m.name !== 'dataRow') continue;
    const row: Record<string, unknown> = {};
    (m as messages.DataRowMessage).fields.forEach((value, i) => {
      row[columns[i]!.name] = types.parseType(value, columns[i]!.typeId, parsers);
    });
    rows.push(row as T);
  }
  return rows;
}

/** PostgreSQL's SQLSTATEs for a prepared statement that does not exist, and for one that already does. */
const INVALID_STATEMENT_NAME = '26000';
const DUPLICATE_STATEMENT = '42P05';
