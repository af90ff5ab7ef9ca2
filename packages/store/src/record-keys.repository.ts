import type { RecordKind } from '@sieve/core';
import type { SqlClient } from './sql-client.ts';

/** The key of a record: (id, version) for declarations and cargo reports, id alone for inspection results and parties. */
export interface RecordKey {
  kind: RecordKind;
  id: string;
  version?: number;
}

const TABLE: Record<RecordKind, string> = {
  declaration: 'declarations',
  'cargo-report': 'cargo_reports',
  inspection: 'inspection_results',
  party: 'parties',
};

const byIdAlone = (kind: RecordKind) => kind === 'inspection' || kind === 'party';

/** `kind id version`: how {@link RecordKeysRepository.stored} names the keys it found. */
export function recordKeyText(k: RecordKey): string {
  return `${k.kind}\u0000${k.id}\u0000${byIdAlone(k.kind) ? '' : (k.version ?? '')}`;
}

/** Which records are already stored, in one query per kind: for telling callers "accepted" from "duplicate". */
export class RecordKeysRepository {
  constructor(private readonly sql: SqlClient) {}

  async stored(keys: readonly RecordKey[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const kind of Object.keys(TABLE) as RecordKind[]) {
      const of = keys.filter((k) => k.kind === kind);
      if (of.length === 0) continue;
      const rows = byIdAlone(kind)
        ? await this.sql.query<{ id: string }>(`SELECT id FROM ${TABLE[kind]} WHERE id = ANY($1::text[])`, [
            of.map((k) => k.id),
          ])
        : await this.sql.query<{ id: string; version: number }>(
            `SELECT id, version FROM ${TABLE[kind]}
                WHERE (id, version) IN (SELECT * FROM unnest($1::text[], $2::int[]))`,
            [of.map((k) => k.id), of.map((k) => k.version ?? 0)],
          );
      for (const r of rows)
        found.add(recordKeyText({ kind, id: r.id, version: (r as { version?: number }).version }));
    }
    return found;
  }
}
