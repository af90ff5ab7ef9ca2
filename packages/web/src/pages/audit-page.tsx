import { useInfiniteQuery } from '@tanstack/react-query';
import { api, withQuery } from '../api/client.ts';
import type { AuditEntry } from '../api/types.ts';
import { Empty, ErrorNotice, Loading, PageHeader } from '../components/notices.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import { dayAfter, dayStart, useUrlFilters } from '../lib/use-url-filters.ts';

const FILTERS = ['actor', 'action', 'entity', 'entityId', 'from', 'to'] as const;

/** Who did what, when, from where and why: searched, and exported whole as CSV or NDJSON (the export is audited too). */
export function AuditPage() {
  const { values: f, set, clear } = useUrlFilters(FILTERS);
  const filter = {
    actor: f.actor,
    action: f.action,
    entity: f.entity,
    entityId: f.entityId,
    from: dayStart(f.from),
    to: dayAfter(f.to),
  };
  // Typing in a filter asks the server once the typing pauses, not at every key.
  const settled = useDebounced(filter, 300);
  const log = useInfiniteQuery({
    queryKey: ['audit', settled],
    queryFn: ({ pageParam, signal }) =>
      api<{ entries: AuditEntry[]; nextCursor: number | null }>('/api/audit', {
        query: { ...settled, limit: 100, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <>
      <PageHeader title="Audit log">
        <a className="button" href={withQuery('/api/audit/export', { ...filter, format: 'csv' })} download>
          Export CSV
        </a>
        <a className="button" href={withQuery('/api/audit/export', { ...filter, format: 'ndjson' })} download>
          Export NDJSON
        </a>
      </PageHeader>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <label>
          Who
          <input value={f.actor} onChange={(e) => set('actor', e.target.value.trim())} size={12} />
        </label>
        <label>
          Action
          <input
            value={f.action}
            onChange={(e) => set('action', e.target.value.trim())}
            placeholder="decision. or rules."
            size={14}
          />
        </label>
        <label>
          Entity
          <input
            value={f.entity}
            onChange={(e) => set('entity', e.target.value.trim())}
            placeholder="declaration"
            size={12}
          />
        </label>
        <label>
          Entity id
          <input value={f.entityId} onChange={(e) => set('entityId', e.target.value.trim())} size={14} />
        </label>
        <label>
          From
          <input type="date" value={f.from} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label>
          to
          <input type="date" value={f.to} onChange={(e) => set('to', e.target.value)} />
        </label>
        <button type="button" className="link" onClick={clear}>
          Clear
        </button>
      </form>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorNotice error={log.error} what="The audit log" />
      ) : entries.length === 0 ? (
        <Empty>Nothing recorded matches.</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table compact" data-testid="audit">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>Action</th>
                <th>What</th>
                <th>Why</th>
                <th>From</th>
                <th>Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{formatDateTime(e.at)}</td>
                  <td>
                    <button type="button" className="link" onClick={() => set('actor', e.actor)}>
                      {e.actor}
                    </button>
                  </td>
                  <td className="mono">{e.action}</td>
                  <td>
                    {e.entity} {e.entityId ? <span className="mono">{e.entityId}</span> : null}
                  </td>
                  <td>{e.reason ?? ''}</td>
                  <td className="mono small">{e.source ?? ''}</td>
                  <td className="mono small ellipsis details" title={JSON.stringify(e.details, null, 1)}>
                    {summariseDetails(e.details)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.hasNextPage ? (
        <div className="more">
          <button type="button" onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>
            Older entries
          </button>
        </div>
      ) : null}
    </>
  );
}

/** The details that say what changed; request bookkeeping (user agent, request id) stays in the tooltip. */
function summariseDetails(d: Record<string, unknown>): string {
  return Object.entries(d)
    .filter(([k]) => !['userAgent', 'requestId', 'role'].includes(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}
