import { Readable } from 'node:stream';
import type { AuditEntry, AuditFilter, AuditPage, Store } from '@sieve/store';
import { stringify } from 'csv-stringify';
import type { RequestContext } from './context.ts';

/** One thing to put on the record: who and from where come from the context. */
export interface AuditEvent {
  action: string;
  entity: string;
  entityId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
  /** Who, when it is not the caller: the user name tried at a failed login. */
  actor?: string;
}

export type ExportFormat = 'csv' | 'ndjson';

const CSV_COLUMNS = [
  'id',
  'at',
  'actor',
  'action',
  'entity',
  'entity_id',
  'reason',
  'source',
  'user_agent',
  'details',
] as const;

/**
 * The audit trail of the workbench: every decision, every change to rules,
 * lists, watchlists and models, every view of a declaration or a watchlist
 * entry, with who, when, what, why and from where (IP address and user
 * agent). The table itself refuses updates and deletes.
 */
export class AuditService {
  constructor(
    private readonly store: Store,
    private readonly onRecord: (action: string) => void = () => {},
  ) {}

  async record(ctx: RequestContext, e: AuditEvent): Promise<number> {
    const id = await this.store.audit.append({
      actor: e.actor ?? ctx.principal?.id ?? 'anonymous',
      action: e.action,
      entity: e.entity,
      entityId: e.entityId ?? null,
      reason: e.reason ?? null,
      source: ctx.ip,
      details: {
        ...e.details,
        role: ctx.principal?.role ?? null,
        userAgent: ctx.userAgent,
        requestId: ctx.requestId,
      },
    });
    this.onRecord(e.action);
    return id;
  }

  search(filter: AuditFilter, page: { limit: number; cursor?: number | null }): Promise<AuditPage> {
    return this.store.auditSearch.search(filter, page);
  }

  /** The matching entries as a stream of CSV or NDJSON text; the export itself is audited. */
  async export(ctx: RequestContext, filter: AuditFilter, format: ExportFormat): Promise<Readable> {
    await this.record(ctx, { action: 'audit.export', entity: 'audit_log', details: { filter, format } });
    const entries = this.store.auditSearch.stream(filter);
    if (format === 'ndjson') {
      return Readable.from(
        (async function* () {
          for await (const e of entries) yield `${JSON.stringify(e)}\n`;
        })(),
      );
    }
    const csv = stringify({ header: true, columns: [...CSV_COLUMNS] });
    (async () => {
      try {
        for await (const e of entries) {
          if (!csv.write(csvRow(e))) await new Promise((r) => csv.once('drain', r));
        }
        csv.end();
      } catch (err) {
        csv.destroy(err as Error);
      }
    })();
    return csv;
  }
}

function csvRow(e: AuditEntry): Record<(typeof CSV_COLUMNS)[number], unknown> {
  const { userAgent, ...details } = e.details as { userAgent?: string };
  return {
    id: e.id,
    at: e.at,
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId,
    reason: e.reason,
    source: e.source,
    user_agent: userAgent ?? '',
    details: JSON.stringify(details),
  };
}
