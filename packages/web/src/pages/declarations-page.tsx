import { Link } from 'react-router';
import type { DeclarationSummary, Page } from '../api/types.ts';
import { DataTable, MoreButton, num } from '../components/data-table.tsx';
import { FilterBar } from '../components/filter-bar.tsx';
import { DateRange, Field } from '../components/form-fields.tsx';
import { PageHeader } from '../components/notices.tsx';
import { QueryView } from '../components/query-view.tsx';
import { formatDateTime, formatMoney } from '../lib/format.ts';
import { useCursorList } from '../lib/use-cursor-list.ts';
import { dayPeriod, useUrlFilters } from '../lib/use-url-filters.ts';

const FILTERS = ['idPrefix', 'office', 'hsPrefix', 'partyId', 'from', 'to'] as const;

/** Every declaration, newest lodged first, searchable: for looking one up outside the queue. */
export function DeclarationsPage() {
  const { values: f, set, clear } = useUrlFilters(FILTERS);
  const query = {
    idPrefix: f.idPrefix,
    office: f.office,
    hsPrefix: /^\d{2,10}$/.test(f.hsPrefix) ? f.hsPrefix : undefined,
    partyId: f.partyId,
    ...dayPeriod(f.from, f.to),
    limit: 50,
  };
  const list = useCursorList(
    'declarations',
    '/api/declarations',
    query,
    (p: Page<DeclarationSummary>) => p.items,
  );

  return (
    <>
      <PageHeader title="Declarations" />
      <FilterBar label="Search" onClear={clear}>
        <Field
          label="Id starts with"
          value={f.idPrefix}
          onChange={(e) => set('idPrefix', e.target.value.trim())}
          size={14}
        />
        <Field
          label="Office"
          value={f.office}
          onChange={(e) => set('office', e.target.value.toUpperCase())}
          size={10}
        />
        <Field
          label="HS code starts with"
          value={f.hsPrefix}
          inputMode="numeric"
          pattern="\d{2,10}"
          title="2 to 10 digits"
          onChange={(e) => set('hsPrefix', e.target.value.replace(/\D/g, ''))}
          size={8}
        />
        <Field
          label="Party id"
          value={f.partyId}
          onChange={(e) => set('partyId', e.target.value.trim())}
          size={12}
        />
        <DateRange fromLabel="Lodged from" from={f.from} to={f.to} onChange={set} />
      </FilterBar>
      <QueryView
        query={list}
        what="The search"
        loading="Searching"
        isEmpty={(items) => items.length === 0}
        empty="No declaration matches."
      >
        {(items) => (
          <DataTable
            testId="declarations"
            columns={[
              'Declaration',
              'Office',
              'Procedure',
              'Lodged',
              'Importer',
              'From',
              'Mode',
              num('Items'),
              num('Customs value'),
              num('Inspections'),
              num('Findings'),
            ]}
          >
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
                <td className="num">{d.findings ? <strong className="finding">{d.findings}</strong> : ''}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryView>
      {list.hasNextPage ? (
        <MoreButton onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? 'Loading…' : 'Show more'}
        </MoreButton>
      ) : null}
    </>
  );
}
