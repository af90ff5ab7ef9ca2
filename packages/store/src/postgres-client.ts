import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { QueryOptions, SqlClient } from './sql-client.ts';

// numeric and bigint come back as strings by default; Sieve's amounts fit in a double.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** A PostgreSQL server through a connection pool. */
export async function openPostgresClient(url: string, opts: { max?: number } = {}): Promise<SqlClient> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 8, application_name: 'sieve' });
  // An idle connection the server ended (restart, DROP DATABASE ... FORCE while the pool closes) is
  // dropped from the pool and the next query opens another; unhandled, the event would end the process.
  pool.on('error', () => {});
  // Fail now, with the address, rather than at the first query.
  const c = await pool.connect().catch((err: Error) => {
    throw new Error(`cannot connect to PostgreSQL at ${redact(url)}: ${err.message}`);
  });
  c.release();
  return poolClient(pool);
}

/** One statement's rows, through the pool or one of its connections; named statements stay prepared on their connection. */
async function rowsOf<T>(
  q: pg.Pool | pg.PoolClient,
  sql: string,
  params: readonly unknown[] = [],
  options?: QueryOptions,
): Promise<T[]> {
  const r = await q.query({ text: sql, values: params as unknown[], name: options?.prepared });
  return r.rows as T[];
}

function poolClient(pool: pg.Pool): SqlClient {
  return {
    kind: 'postgres',
    query: (sql, params, options) => rowsOf(pool, sql, params, options),
    async exec(sql) {
      await pool.query(sql);
    },
    copyFrom: (table, columns, rows) => pooledCopy(pool, table, columns, rows),
    copyFromBytes: (table, columns, rows) => pooledCopy(pool, table, columns, rows),
    async transaction(fn) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const out = await fn(connClient(c));
        await c.query('COMMIT');
        return out;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        c.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

function connClient(c: pg.PoolClient): SqlClient {
  return {
    kind: 'postgres',
    query: (sql, params, options) => rowsOf(c, sql, params, options),
    async exec(sql) {
      await c.query(sql);
    },
    copyFrom: (table, columns, rows) => copyInto(c, table, columns, rows),
    copyFromBytes: (table, columns, rows) => copyInto(c, table, columns, rows),
    transaction: (fn) => fn(connClient(c)),
    async close() {},
  };
}

async function pooledCopy(
  pool: pg.Pool,
  table: string,
  columns: readonly string[],
  rows: string | Uint8Array,
): Promise<void> {
  const c = await pool.connect();
  try {
    await copyInto(c, table, columns, rows);
  } finally {
    c.release();
  }
}

async function copyInto(
  c: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: string | Uint8Array,
): Promise<void> {
  if (rows.length === 0) return;
  const data = typeof rows === 'string' ? rows : Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength);
  const stream = c.query(copyStreams.from(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from([data]), stream);
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
