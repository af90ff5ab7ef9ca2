import type { AuditEntry, NewAuditEntry } from './audit.repository.ts';
import type { SqlClient } from './sql-client.ts';

/** What to look for in the audit log. Every field narrows; none means everything. */
export interface AuditFilter {
  actor?: string;
  /** An exact action (`decision.record`), or a family ending in a dot (`rules.`). */
  action?: string;
  entity?: string;
  entityId?: string;
  /** Where the action came from: an IP address for HTTP, `cli` for the command line. */
  source?: string;
  /** ISO times: `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `cursor` for the next page; null at the end. */
  nextCursor: number | null;
}

interface Row {
  id: number | string;
  at: Date | string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  reason: string | null;
  source: string | null;
  details: Record<string, unknown> | string;
}

function toEntry(r: Row): AuditEntry {
  return {
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    reason: r.reason,
    source: r.source,
    details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details,
  };
}

/**
 * Searching and exporting the audit log (the supervisor's view). Pages are
 * keyset-paginated on the id, so a page is as fast at the millionth entry as
 * at the first, and an export streams without holding the log in memory.
 */
export class AuditSearchRepository {
  constructor(private readonly sql: SqlClient) {}

  /** One page, newest first by default. */
  async search(
    filter: AuditFilter,
    page: { limit?: number; cursor?: number | null; order?: 'asc' | 'desc' } = {},
  ): Promise<AuditPage> {
    const limit = page.limit ?? 100;
    const desc = (page.order ?? 'desc') === 'desc';
    const { where, params } = conditions(filter);
    if (page.cursor != null) {
      params.push(page.cursor);
      where.push(`id ${desc ? '<' : '>'} $${params.length}`);
    }
    params.push(limit + 1);
    const rows = await this.sql.query<Row>(
      `SELECT id, at, actor, action, entity, entity_id, reason, source, details FROM audit_log
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY id ${desc ? 'DESC' : 'ASC'} LIMIT $${params.length}`,
      params,
    );
    const entries = rows.slice(0, limit).map(toEntry);
    return { entries, nextCursor: rows.length > limit ? entries.at(-1)!.id : null };
  }

  /** Every matching entry, oldest first, page by page. */
  async *stream(filter: AuditFilter, pageSize = 2000): AsyncGenerator<AuditEntry> {
    let cursor: number | null = null;
    do {
      const page = await this.search(filter, { limit: pageSize, cursor, order: 'asc' });
      yield* page.entries;
      cursor = page.nextCursor;
    } while (cursor !== null);
  }
}

function conditions(f: AuditFilter): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.actor) add((p) => `actor = ${p}`, f.actor);
  if (f.action?.endsWith('.')) add((p) => `starts_with(action, ${p})`, f.action);
  else if (f.action) add((p) => `action = ${p}`, f.action);
  if (f.entity) add((p) => `entity = ${p}`, f.entity);
  if (f.entityId) add((p) => `entity_id = ${p}`, f.entityId);
  if (f.source) add((p) => `source = ${p}`, f.source);
  if (f.from) add((p) => `at >= ${p}::timestamptz`, f.from);
  if (f.to) add((p) => `at < ${p}::timestamptz`, f.to);
  return { where, params };
}

/**
 * Appends several audit entries in one statement (the server's group
 * commits: one entry per decision, one round trip per batch).
 */
export async function appendAuditEntries(sql: SqlClient, entries: readonly NewAuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await sql.query(
    `INSERT INTO audit_log (actor, action, entity, entity_id, reason, source, details)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[])`,
    [
      entries.map((e) => e.actor),
      entries.map((e) => e.action),
      entries.map((e) => e.entity),
      entries.map((e) => e.entityId ?? null),
      entries.map((e) => e.reason ?? null),
      entries.map((e) => e.source ?? null),
      entries.map((e) => JSON.stringify(e.details ?? {})),
    ],
  );
}
