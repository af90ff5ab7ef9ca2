/** A column of a table with its PostgreSQL type, for statements that take whole columns as arrays. */
export type TypedColumn = readonly [name: string, type: string];

/** The names of `columns`, for a column list or COPY. */
export function columnNames(columns: readonly TypedColumn[]): string[] {
  return columns.map(([name]) => name);
}

/**
 * `unnest($n::t[], ...)` over `columns`, numbering parameters from `first`:
 * rows of a table sent as one array per column, in a single statement.
 *
 * @example unnestColumns([['id', 'text'], ['version', 'int']], 3) // 'unnest($3::text[], $4::int[])'
 */
export function unnestColumns(columns: readonly TypedColumn[], first: number): string {
  return `unnest(${columns.map(([, type], i) => `$${first + i}::${type}[]`).join(', ')})`;
}

/** Rows as one array per column (the parameters of {@link unnestColumns}). */
export function toColumnArrays(rows: readonly (readonly unknown[])[], width: number): unknown[][] {
  const out: unknown[][] = Array.from({ length: width }, () => []);
  for (const row of rows) for (let i = 0; i < width; i++) out[i]!.push(row[i] ?? null);
  return out;
}
