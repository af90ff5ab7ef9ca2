import type { SqlClient } from './sql-client.ts';

/** One line of a list of declarations (the latest version of each). */
export interface DeclarationSummary {
  id: string;
  version: number;
  type: string;
  procedure: string;
  office: string;
  lodgedAt: string;
  declarantId: string;
  importerId: string | null;
  importerName: string | null;
  dispatchCountry: string | null;
  transportMode: string | null;
  currency: string;
  customsValue: number | null;
  itemCount: number;
  receivedAt: string;
  /** Inspection results recorded for it, and whether any found something. */
  inspections: number;
  findings: number;
}

export interface DeclarationSearch {
  office?: string;
  /** Lodged at or after (ISO). */
  from?: string;
  /** Lodged before (ISO). */
  to?: string;
  /** Declarant or importer. */
  partyId?: string;
  /** An item whose HS code starts with this. */
  hsPrefix?: string;
  /** Declaration id starting with this. */
  idPrefix?: string;
  /** Only those with an inspection result recorded by this inspector. */
  inspectedBy?: string;
}

export interface DeclarationPage {
  items: DeclarationSummary[];
  /** Opaque; pass back as `cursor` for the next page. null at the end. */
  nextCursor: string | null;
}

interface Row {
  id: string;
  version: number;
  type: string;
  procedure: string;
  office: string;
  lodged_at: Date | string;
  declarant_id: string;
  importer_id: string | null;
  importer_name: string | null;
  dispatch_country: string | null;
  transport_mode: string | null;
  currency: string;
  customs_value: number | null;
  item_count: number;
  received_at: Date | string;
  inspections: number;
  findings: number;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * Lists of declarations for the workbench: newest lodged first, the latest
 * version of each, keyset-paginated on (lodged_at, id) so the last page costs
 * what the first does.
 */
export class DeclarationSearchRepository {
  constructor(private readonly sql: SqlClient) {}

  async search(
    f: DeclarationSearch,
    page: { limit?: number; cursor?: string | null } = {},
  ): Promise<DeclarationPage> {
    const limit = page.limit ?? 50;
    const where = ['NOT EXISTS (SELECT 1 FROM declarations n WHERE n.id = d.id AND n.version > d.version)'];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (f.office) add((p) => `d.office = ${p}`, f.office);
    if (f.from) add((p) => `d.lodged_at >= ${p}::timestamptz`, f.from);
    if (f.to) add((p) => `d.lodged_at < ${p}::timestamptz`, f.to);
    if (f.partyId) add((p) => `(d.declarant_id = ${p} OR d.importer_id = ${p})`, f.partyId);
    if (f.idPrefix) add((p) => `starts_with(d.id, ${p})`, f.idPrefix);
    if (f.hsPrefix)
      add(
        (p) =>
          `EXISTS (SELECT 1 FROM declaration_items i WHERE i.declaration_id = d.id AND i.version = d.version
                      AND starts_with(i.hs_code, ${p}))`,
        f.hsPrefix,
      );
    if (f.inspectedBy)
      add(
        (p) =>
          `EXISTS (SELECT 1 FROM inspection_results r WHERE r.declaration_id = d.id AND r.inspector = ${p})`,
        f.inspectedBy,
      );
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    if (after) {
      params.push(after.lodgedAt, after.id);
      where.push(`(d.lodged_at, d.id) < ($${params.length - 1}::timestamptz, $${params.length})`);
    }
    params.push(limit + 1);
    const rows = await this.sql.query<Row>(
      `SELECT d.id, d.version, d.type, d.procedure, d.office, d.lodged_at, d.declarant_id, d.importer_id,
              p.name AS importer_name, d.dispatch_country, d.transport_mode, d.currency, d.customs_value,
              d.item_count, d.received_at,
              (SELECT count(*)::int FROM inspection_results r WHERE r.declaration_id = d.id) AS inspections,
              (SELECT count(*)::int FROM inspection_results r
                WHERE r.declaration_id = d.id AND r.outcome = 'finding') AS findings
         FROM declarations d LEFT JOIN parties p ON p.id = d.importer_id
        WHERE ${where.join(' AND ')}
        ORDER BY d.lodged_at DESC, d.id DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, limit).map(toSummary);
    const last = items.at(-1);
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeCursor(last.lodgedAt, last.id) : null,
    };
  }

  /** The versions stored of a declaration, oldest first. */
  async versions(id: string): Promise<number[]> {
    const rows = await this.sql.query<{ version: number }>(
      'SELECT version FROM declarations WHERE id = $1 ORDER BY version',
      [id],
    );
    return rows.map((r) => r.version);
  }

  /**
   * The lane in force of each declaration: the latest officer's decision,
   * else the lane of its latest assessment (as `ReferralRepository.latestDecision`
   * and `AssessmentRepository.get` each answer it for one). One query for a
   * whole page; a declaration with neither is left out.
   */
  async lanesInForce(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.sql.query<{ id: string; lane: string | null }>(
      `SELECT x.id, coalesce(
                (SELECT r.lane FROM referral_decisions r WHERE r.declaration_id = x.id ORDER BY r.id DESC LIMIT 1),
                (SELECT a.lane FROM assessments a WHERE a.declaration_id = x.id
                  ORDER BY a.assessed_at DESC, a.declaration_version DESC LIMIT 1)) AS lane
         FROM unnest($1::text[]) AS x(id)`,
      [[...new Set(ids)]],
    );
    return new Map(rows.flatMap((r) => (r.lane === null ? [] : [[r.id, r.lane] as const])));
  }

  /** Whether `partyId` is the declarant or the importer of any version of the declaration. */
  async involves(id: string, partyId: string): Promise<boolean> {
    const rows = await this.sql.query(
      'SELECT 1 FROM declarations WHERE id = $1 AND (declarant_id = $2 OR importer_id = $2) LIMIT 1',
      [id, partyId],
    );
    return rows.length > 0;
  }
}

function toSummary(r: Row): DeclarationSummary {
  return {
    id: r.id,
    version: r.version,
    type: r.type,
    procedure: r.procedure,
    office: r.office,
    lodgedAt: iso(r.lodged_at),
    declarantId: r.declarant_id,
    importerId: r.importer_id,
    importerName: r.importer_name,
    dispatchCountry: r.dispatch_country,
    transportMode: r.transport_mode,
    currency: r.currency,
    customsValue: r.customs_value === null ? null : Number(r.customs_value),
    itemCount: r.item_count,
    receivedAt: iso(r.received_at),
    inspections: r.inspections,
    findings: r.findings,
  };
}

function encodeCursor(lodgedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([lodgedAt, id])).toString('base64url');
}

function decodeCursor(cursor: string): { lodgedAt: string; id: string } | undefined {
  try {
    const [lodgedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof lodgedAt === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(lodgedAt)))
      return { lodgedAt, id };
  } catch {}
  throw new Error('SIEVE_ERR_VALIDATION: cursor: expected a cursor returned by a previous page');
}
