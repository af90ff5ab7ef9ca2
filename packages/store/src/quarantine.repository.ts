import type { FieldError } from '@sieve/core';
import type { SqlClient } from './sql-client.ts';

/** A quarantined record as stored: which run, which record, why, and the raw text. */
export interface QuarantineEntry {
  id: number;
  runId: number;
  recordNo: number;
  kind: string | null;
  reasons: FieldError[];
  raw: string;
  createdAt: string;
}

interface Row {
  id: number;
  run_id: number;
  record_no: number;
  kind: string | null;
  reasons: FieldError[];
  raw: string;
  created_at: Date | string;
}

const SELECT = 'SELECT id, run_id, record_no, kind, reasons, raw, created_at FROM quarantine';

/** Read access to the quarantine: nothing that entered is lost, and a person can see why it was held. */
export class QuarantineRepository {
  constructor(private readonly sql: SqlClient) {}

  async list(opts: { runId?: number; limit?: number; offset?: number } = {}): Promise<QuarantineEntry[]> {
    const rows = await this.sql.query<Row>(
      `${SELECT} WHERE ($1::bigint IS NULL OR run_id = $1) ORDER BY run_id, record_no LIMIT $2 OFFSET $3`,
      [opts.runId ?? null, opts.limit ?? 100, opts.offset ?? 0],
    );
    return rows.map(toEntry);
  }

  async get(id: number): Promise<QuarantineEntry | undefined> {
    const [row] = await this.sql.query<Row>(`${SELECT} WHERE id = $1`, [id]);
    return row && toEntry(row);
  }

  async count(runId?: number): Promise<number> {
    const [row] = await this.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM quarantine WHERE ($1::bigint IS NULL OR run_id = $1)',
      [runId ?? null],
    );
    return row?.n ?? 0;
  }

  /** Every entry of a run (or all), page by page, for export. */
  async *all(runId?: number, pageSize = 1000): AsyncGenerator<QuarantineEntry> {
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.list({ runId, limit: pageSize, offset });
      yield* page;
      if (page.length < pageSize) return;
    }
  }
}

function toEntry(r: Row): QuarantineEntry {
  return {
    id: Number(r.id),
    runId: Number(r.run_id),
    recordNo: r.record_no,
    kind: r.kind,
    reasons: typeof r.reasons === 'string' ? JSON.parse(r.reasons) : r.reasons,
    raw: r.raw,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
