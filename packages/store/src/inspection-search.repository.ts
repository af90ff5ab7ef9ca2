import type { InspectionResult } from '@sieve/core';
import type { SqlClient } from './sql-client.ts';

export interface InspectionSearch {
  declarationId?: string;
  inspector?: string;
  outcome?: 'finding' | 'no_finding';
  /** Started at or after / before (ISO). */
  from?: string;
  to?: string;
}

/** An inspection result with when Sieve received it. */
export interface StoredInspection {
  result: InspectionResult;
  receivedAt: string;
}

/** Inspection results for the workbench: newest first, with filters. */
export class InspectionSearchRepository {
  constructor(private readonly sql: SqlClient) {}

  async search(
    f: InspectionSearch,
    page: { limit?: number; offset?: number } = {},
  ): Promise<StoredInspection[]> {
    const rows = await this.sql.query<{ doc: InspectionResult | string; received_at: Date | string }>(
      `SELECT doc, received_at FROM inspection_results
        WHERE ($1::text IS NULL OR declaration_id = $1) AND ($2::text IS NULL OR inspector = $2)
          AND ($3::text IS NULL OR outcome = $3) AND ($4::timestamptz IS NULL OR started_at >= $4)
          AND ($5::timestamptz IS NULL OR started_at < $5)
        ORDER BY started_at DESC, id DESC LIMIT $6 OFFSET $7`,
      [
        f.declarationId ?? null,
        f.inspector ?? null,
        f.outcome ?? null,
        f.from ?? null,
        f.to ?? null,
        page.limit ?? 50,
        page.offset ?? 0,
      ],
    );
    return rows.map(toStored);
  }

  /** Whether this inspector has recorded a result for the declaration. */
  async hasInspected(declarationId: string, inspector: string): Promise<boolean> {
    const rows = await this.sql.query(
      'SELECT 1 FROM inspection_results WHERE declaration_id = $1 AND inspector = $2 LIMIT 1',
      [declarationId, inspector],
    );
    return rows.length > 0;
  }

  async get(id: string): Promise<StoredInspection | undefined> {
    const [row] = await this.sql.query<{ doc: InspectionResult | string; received_at: Date | string }>(
      'SELECT doc, received_at FROM inspection_results WHERE id = $1',
      [id],
    );
    return row && toStored(row);
  }
}

function toStored(r: { doc: InspectionResult | string; received_at: Date | string }): StoredInspection {
  return {
    result: typeof r.doc === 'string' ? (JSON.parse(r.doc) as InspectionResult) : r.doc,
    receivedAt: new Date(r.received_at).toISOString(),
  };
}
