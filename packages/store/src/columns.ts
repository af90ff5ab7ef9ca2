/** A column of a table with its PostgreSQL type, for statements that take whole columns as parameters. */
export type TypedColumn = readonly [name: string, type: string];

/** The names of `columns`, for a column list or COPY. */
export function columnNames(columns: readonly TypedColumn[]): string[] {
  return columns.map(([name]) => name);
}

// json, not jsonb: jsonb's binary form starts with a version byte; a jsonb column takes json as it comes.
const isDocument = (type: string) => type === 'json';

/**
 * Rows of a table sent as one parameter per column, in a single statement:
 * `ROWS FROM (...)` over `columns`, numbering parameters from `first`. A
 * column of scalars is an array (`unnest($n::text[])`); a column of JSON
 * documents is one JSON array (`json_array_elements($n::json)`), sent as
 * bytes (see {@link toColumnParams}).
 *
 * @example rowsFromColumns([['id', 'text'], ['doc', 'json']], 3) // 'ROWS FROM (unnest($3::text[]), json_array_elements($4::json))'
 */
export function rowsFromColumns(columns: readonly TypedColumn[], first: number): string {
  const each = columns.map(([, type], i) =>
    isDocument(type) ? `json_array_elements($${first + i}::json)` : `unnest($${first + i}::${type}[])`,
  );
  return `ROWS FROM (${each.join(', ')})`;
}

/** The parameter types of {@link rowsFromColumns}, in order. */
export function columnParamTypes(columns: readonly TypedColumn[]): string[] {
  return columns.map(([, type]) => (isDocument(type) ? type : `${type}[]`));
}

const encoder = new TextEncoder();

/**
 * Rows as the parameters of {@link rowsFromColumns}: an array per scalar
 * column, and for a document column (whose values are JSON text) one JSON
 * array as UTF-8 bytes (every value JSON text). Bytes go to PostgreSQL as they are (binary format),
 * where text would be measured, escaped into an array literal and parsed
 * back character by character: for real-time assessment that was the
 * largest cost of a batch in the database thread.
 */
export function toColumnParams(
  rows: readonly (readonly unknown[])[],
  columns: readonly TypedColumn[],
): unknown[] {
  return columns.map(([, type], i) => {
    if (isDocument(type)) {
      let text = '[';
      for (let r = 0; r < rows.length; r++) {
        const doc = rows[r]![i];
        // JSON null would be stored as a document, where the column means "no document": refuse it.
        if (typeof doc !== 'string') {
          throw new TypeError(
            `column ${columns[i]![0]}, row ${r + 1}: expected JSON text, got ${doc === null ? 'null' : typeof doc}`,
          );
        }
        text += (r ? ',' : '') + doc;
      }
      return encoder.encode(`${text}]`);
    }
    return rows.map((row) => row[i] ?? null);
  });
}
