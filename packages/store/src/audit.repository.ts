import type { SqlClient } from './sql-client.ts';

/** One line of the audit log: who did what to which thing, when, why and from where. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  reason: string | null;
  source: string | null;
  details: Record<string, unknown>;
}

export type NewAuditEntry = Pick<AuditEntry, 'actor' | 'action' | 'entity'> &
  Partial<Pick<AuditEntry, 'entityId' | 'reason' | 'source' | 'details'>>;

interface Row {
  id: number;
  at: Date | string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  reason: string | null;
  source: string | null;
  details: Record<string, unknown>;
}

/**
 * The append-only audit log. The table refuses UPDATE, DELETE and TRUNCATE
 * itself (a trigger), so this class only appends and reads.
 */
export class AuditRepository {
  constructor(private readonly sql: SqlClient) {}

  async append(e: NewAuditEntry): Promise<number> {
    const [row] = await this.sql.query<{ id: number }>(
      `INSERT INTO audit_log (actor, action, entity, entity_id, reason, source, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [e.actor, e.action, e.entity, e.entityId ?? null, e.reason ?? null, e.source ?? null, e.details ?? {}],
    );
    return Number(row!.id);
  }

  async list(
    filter: {
      entity?: string;
      entityId?: string;
      actor?: string;
      action?: string;
      limit?: number;
      afterId?: number;
    } = {},
  ): Promise<AuditEntry[]> {
    const rows = await this.sql.query<Row>(
      `SELECT id, at, actor, action, entity, entity_id, reason, source, details FROM audit_log
        WHERE ($1::text IS NULL OR entity = $1) AND ($2::text IS NULL OR entity_id = $2)
          AND ($3::text IS NULL OR actor = $3) AND ($4::text IS NULL OR action = $4)
          AND id > $5
        ORDER BY id LIMIT $6`,
      [
        filter.entity ?? null,
        filter.entityId ?? null,
        filter.actor ?? null,
        filter.action ?? null,
        filter.afterId ?? 0,
        filter.limit ?? 1000,
      ],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      reason: r.reason,
      source: r.source,
      details: r.details,
    }));
  }
}
