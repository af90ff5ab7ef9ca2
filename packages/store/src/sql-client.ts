/**
 * The one interface the store needs from a PostgreSQL connection. Two
 * implementations sit side by side, as Kysely keeps its PGlite dialect next
 * to the PostgreSQL one: {@link openPgliteClient} (embedded, the default) and
 * {@link openPostgresClient} (a server through DATABASE_URL). Repositories
 * see only this interface, so the same SQL and the same tests run on both.
 */
/** How {@link SqlClient.query} runs a statement. */
export interface QueryOptions {
  /** See {@link SqlClient.query}. */
  readonly prepared?: string;
}

export interface SqlClient {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs one parameterised statement and returns its rows. `prepared`: a
   * name under which the database keeps the statement parsed (a PostgreSQL
   * server for the connection, PGlite for its one session), for one run
   * many times a second; unique to this text (a different text under a name
   * already used fails).
   */
  query<T = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<T[]>;
  /** Runs one or more statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Bulk-loads rows with COPY FROM in PostgreSQL's text format. `rows` is the
   * already-escaped text (see {@link copyText}). The fastest way into both engines.
   */
  copyFrom(table: string, columns: readonly string[], rows: string): Promise<void>;
  /** The same from that text in UTF-8 (intake builds its rows as bytes, in its workers). */
  copyFromBytes(table: string, columns: readonly string[], rows: Uint8Array): Promise<void>;
  /** Runs `fn` in a transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A value as a field of PostgreSQL's COPY text format: `\N` for null, with \\, tab, newline and CR escaped. */
export function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, escapeChar) : s;
}

function escapeChar(c: string): string {
  return c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r';
}

/** One COPY text line from a row of values. */
export function copyText(values: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i ? '\t' : '') + copyField(values[i]);
  return `${line}\n`;
}
