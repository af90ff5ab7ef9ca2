import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import type { DeclarationSummary, Page } from '../api/types.ts';
import { Empty, ErrorNotice, Loading, PageHeader } from '../components/notices.tsx';
import { formatDateTime, formatMoney } from '../lib/format.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import { dayAfter, dayStart, useUrlFilters } from '../lib/use-url-filters.ts';

const FILTERS = ['idPrefix', 'office', 'hsPrefix', 'partyId', 'from', 'to'] as const;

/** Every declaration, newest lodged first, searchable: for looking one up outside the queue. */
export function DeclarationsPage() {
  const { values: f, set, clear } = useUrlFilters(FILTERS);
  const query = {
    idPrefix: f.idPrefix,
    office: f.office,
    hsPrefix: /^\d{2,10}$/.test(f.hsPrefix) ? f.hsPrefix : undefined,
    partyId: f.partyId,
    from: dayStart(f.from),
    to: dayAfter(f.to),
    limit: 50,
  };
  // Typing in a filter asks the server once the typing pauses, not at every key.
  const settled = useDebounced(query, 300);
  const list = useInfiniteQuery({
    queryKey: ['declarations', settled],
    queryFn: ({ pageParam, signal }) =>
      api<Page<DeclarationSummary>>('/api/declarations', {
        query: { ...settled, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader title="Declarations" />
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Search">
        <label>
          Id starts with
          <input value={f.idPrefix} onChange={(e) => set('idPrefix', e.target.value.trim())} size={14} />
        </label>
        <label>
          Office
          <input value={f.office} onChange={(e) => set('office', e.target.value.toUpperCase())} size={10} />
        </label>
        <label>
          HS code starts with
          <input
            value={f.hsPrefix}
            inputMode="numeric"
            pattern="\d{2,10}"
            title="2 to 10 digits"
            onChange={(e) => set('hsPrefix', e.target.value.replace(/\D/g, ''))}
            size={8}
          />
        </label>
        <label>
          Party id
          <input value={f.partyId} onChange={(e) => set('partyId', e.target.value.trim())} size={12} />
        </label>
        <label>
          Lodged from
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
      {list.isPending ? (
        <Loading what="Searching" />
      ) : list.isError ? (
        <ErrorNotice error={list.error} what="The search" />
      ) : items.length === 0 ? (
        <Empty>No declaration matches.</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="declarations">
            <thead>
              <tr>
                <th>Declaration</th>
                <th>Office</th>
                <th>Procedure</th>
                <th>Lodged</th>
                <th>Importer</th>
                <th>From</th>
                <th>Mode</th>
                <th className="num">Items</th>
                <th className="num">Customs value</th>
                <th className="num">Inspections</th>
                <th className="num">Findings</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/declarations/${encodeURIComponent(d.id)}`} className="mono">
                      {d.id}
                    </Link>
                    {d.version > 1 ? <span className="muted"> v{d.version}</span> : null}
                  </td>
                  <td>{d.office}</td>
                  <td>
                    {d.type} {d.procedure}
                  </td>
                  <td className="nowrap">{formatDateTime(d.lodgedAt)}</td>
                  <td className="ellipsis" title={d.importerName ?? d.importerId ?? ''}>
                    {d.importerName ?? d.importerId ?? '—'}
                  </td>
                  <td>{d.dispatchCountry ?? '—'}</td>
                  <td>{d.transportMode ?? '—'}</td>
                  <td className="num">{d.itemCount}</td>
                  <td className="num nowrap">{formatMoney(d.customsValue, d.currency)}</td>
                  <td className="num">{d.inspections || ''}</td>
                  <td className="num">
                    {d.findings ? <strong className="finding">{d.findings}</strong> : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage ? (
        <div className="more">
          <button type="button" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? 'Loading…' : 'Show more'}
          </button>
        </div>
      ) : null}
    </>
  );
}
