import { copyText, type SqlClient } from './sql-client.ts';

/** How to write one kind of record into its table. */
export interface TableSpec<T> {
  readonly table: string;
  /** Key columns and their PostgreSQL types, e.g. [['id', 'text'], ['version', 'int']]. */
  readonly key: readonly (readonly [string, 'text' | 'int'])[];
  readonly columns: readonly string[];
  keyOf(record: T): readonly (string | number)[];
  rowOf(record: T): readonly unknown[];
}

/**
 * Inserts the records whose key is not in the table yet, with COPY, and
 * returns them; the others are duplicates. Keys repeated inside the batch
 * count once. Must run inside a transaction: a concurrent writer that
 * inserts the same key between the look-up and the COPY makes the COPY fail
 * with a unique violation, and the caller retries the batch.
 */
export async function insertNew<T>(tx: SqlClient, spec: TableSpec<T>, records: readonly T[]): Promise<T[]> {
  if (records.length === 0) return [];
  const seen = new Set<string>();
  const unique: T[] = [];
  for (const r of records) {
    const k = spec.keyOf(r).join('\u0000');
    if (!seen.has(k)) {
      seen.add(k);
      unique.push(r);
    }
  }
  const cols = spec.key.map(([c]) => c);
  const arrays = spec.key.map((_, i) => unique.map((r) => spec.keyOf(r)[i]));
  const unnest = spec.key.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ');
  const existing = await tx.query<Record<string, string | number>>(
    `SELECT ${cols.join(', ')} FROM ${spec.table} WHERE (${cols.join(', ')}) IN (SELECT * FROM unnest(${unnest}))`,
    arrays,
  );
  const have = new Set(existing.map((row) => cols.map((c) => String(row[c])).join('\u0000')));
  const fresh = unique.filter((r) => !have.has(spec.keyOf(r).map(String).join('\u0000')));
  let text = '';
  for (const r of fresh) text += copyText(spec.rowOf(r));
  await tx.copyFrom(spec.table, spec.columns, text);
  return fresh;
}

/** True for PostgreSQL's unique_violation, from either driver. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}
