import { withQuery } from '../api/client.ts';
import type { AuditEntry } from '../api/types.ts';
import { DataTable, MoreButton } from '../components/data-table.tsx';
import { FilterBar } from '../components/filter-bar.tsx';
import { DateRange, Field } from '../components/form-fields.tsx';
import { PageHeader } from '../components/notices.tsx';
import { QueryView } from '../components/query-view.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useCursorList } from '../lib/use-cursor-list.ts';
import { dayPeriod, useUrlFilters } from '../lib/use-url-filters.ts';

const FILTERS = ['actor', 'action', 'entity', 'entityId', 'from', 'to'] as const;

/** Who did what, when, from where and why: searched, and exported whole as CSV or NDJSON (the export is audited too). */
export function AuditPage() {
  const { values: f, set, clear } = useUrlFilters(FILTERS);
  const filter = {
    actor: f.actor,
    action: f.action,
    entity: f.entity,
    entityId: f.entityId,
    ...dayPeriod(f.from, f.to),
  };
  const log = useCursorList(
    'audit',
    '/api/audit',
    { ...filter, limit: 100 },
    (p: { entries: AuditEntry[]; nextCursor: number | null }) => p.entries,
  );
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
      <FilterBar label="Filters" onClear={clear}>
        <Field label="Who" value={f.actor} onChange={(e) => set('actor', e.target.value.trim())} size={12} />
        <Field
          label="Action"
          value={f.action}
          onChange={(e) => set('action', e.target.value.trim())}
          placeholder="decision. or rules."
          size={14}
        />
        <Field
          label="Entity"
          value={f.entity}
          onChange={(e) => set('entity', e.target.value.trim())}
          placeholder="declaration"
          size={12}
        />
        <Field
          label="Entity id"
          value={f.entityId}
          onChange={(e) => set('entityId', e.target.value.trim())}
          size={14}
        />
        <DateRange from={f.from} to={f.to} onChange={set} />
      </FilterBar>
      <QueryView
        query={log}
        what="The audit log"
        isEmpty={(entries) => entries.length === 0}
        empty="Nothing recorded matches."
      >
        {(entries) => (
          <DataTable
            testId="audit"
            compact
            columns={['When', 'Who', 'Action', 'What', 'Why', 'From', 'Details']}
          >
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
          </DataTable>
        )}
      </QueryView>
      {log.hasNextPage ? (
        <MoreButton onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          Older entries
        </MoreButton>
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
