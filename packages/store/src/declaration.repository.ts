import type { Declaration, InspectionResult } from '@sieve/core';
import type { SqlClient } from './sql-client.ts';

/** Read access to stored declarations and their inspection results. */
export class DeclarationRepository {
  constructor(private readonly sql: SqlClient) {}

  /** The given version, or the latest one when `version` is omitted. */
  async get(id: string, version?: number): Promise<Declaration | undefined> {
    const [row] = await this.sql.query<{ doc: Declaration }>(
      `SELECT doc FROM declarations WHERE id = $1 AND ($2::int IS NULL OR version = $2) ORDER BY version DESC LIMIT 1`,
      [id, version ?? null],
    );
    return row?.doc;
  }

  async count(): Promise<number> {
    const [row] = await this.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM declarations');
    return row?.n ?? 0;
  }

  /** Declarations in lodgement order, page by page (keyset pagination, so it scales). */
  async *inLodgementOrder(
    opts: { from?: string; to?: string; pageSize?: number } = {},
  ): AsyncGenerator<Declaration> {
    const size = opts.pageSize ?? 2000;
    let after: [string, string, number] = ['-infinity', '', 0];
    for (;;) {
      const rows = await this.sql.query<{
        doc: Declaration;
        lodged_at: Date | string;
        id: string;
        version: number;
      }>(
        `SELECT doc, lodged_at, id, version FROM declarations
          WHERE (lodged_at, id, version) > ($1::timestamptz, $2, $3)
            AND ($4::timestamptz IS NULL OR lodged_at >= $4) AND ($5::timestamptz IS NULL OR lodged_at < $5)
          ORDER BY lodged_at, id, version LIMIT $6`,
        [after[0], after[1], after[2], opts.from ?? null, opts.to ?? null, size],
      );
      for (const r of rows) yield r.doc;
      const last = rows.at(-1);
      if (!last || rows.length < size) return;
      after = [new Date(last.lodged_at).toISOString(), last.id, last.version];
    }
  }

  async inspections(declarationId: string): Promise<InspectionResult[]> {
    const rows = await this.sql.query<{ doc: InspectionResult }>(
      'SELECT doc FROM inspection_results WHERE declaration_id = $1 ORDER BY started_at',
      [declarationId],
    );
    return rows.map((r) => r.doc);
  }
}
