import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { WatchlistSearchAnswer } from '../api/types.ts';
import { can, WATCHLIST_IMPORTERS } from '../auth/navigation.ts';
import { useMe } from '../auth/session.tsx';
import { DataTable, num } from '../components/data-table.tsx';
import { Field, SelectField } from '../components/form-fields.tsx';
import { MatchedName } from '../components/match-details.tsx';
import { Empty, ErrorNotice, Loading, PageHeader } from '../components/notices.tsx';
import { WatchlistImport } from '../components/watchlist-import.tsx';
import { formatPercent } from '../lib/format.ts';
import { useUrlFilters } from '../lib/use-url-filters.ts';

const FILTERS = ['q', 'kind', 'country'] as const;
const KINDS = ['person', 'company', 'organisation', 'vessel'];

/**
 * Search the watchlists by name, as the screening does: spelling variants,
 * transliterations and aliases match, and each hit says which of the
 * entry's names matched and how well. Every search is audited. Below, the
 * active lists, and for analysts and administrators the import form.
 */
export function WatchlistPage() {
  const me = useMe();
  const { values: f, set } = useUrlFilters(FILTERS);
  const [draft, setDraft] = useState(f.q);
  const search = useQuery({
    queryKey: ['watchlist-search', f],
    queryFn: ({ signal }) =>
      api<WatchlistSearchAnswer>('/api/watchlists/search', {
        query: { q: f.q, kind: f.kind, country: f.country, limit: 25 },
        signal,
      }),
    enabled: f.q.trim().length >= 2,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    set('q', draft.trim());
  }

  return (
    <>
      <PageHeader title="Watchlist search" />
      <form className="filters" onSubmit={submit} aria-label="Search the watchlists">
        <Field
          label="Name of a person, company or vessel"
          grow
          name="q"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="e.g. Mohammed Al Rashid Trading"
        />
        <SelectField label="Kind" value={f.kind} onChange={(v) => set('kind', v)} any="any" choices={KINDS} />
        <Field
          label="Country"
          value={f.country}
          onChange={(e) => set('country', e.target.value.toUpperCase())}
          size={4}
          maxLength={2}
        />
        <button type="submit" className="primary">
          Search
        </button>
      </form>
      {f.q.trim().length < 2 ? (
        <Empty>Type at least two letters.</Empty>
      ) : search.isPending ? (
        <Loading what="Searching" />
      ) : search.isError ? (
        search.error instanceof ApiError && search.error.code === 'SIEVE_ERR_NO_WATCHLIST' ? (
          <Empty>
            No watchlist is active yet: an analyst imports one below or with `sieve watchlist import`.
          </Empty>
        ) : (
          <ErrorNotice error={search.error} what="The watchlist search" />
        )
      ) : search.data.hits.length === 0 ? (
        <Empty>No entry matches “{f.q}”.</Empty>
      ) : (
        <DataTable
          testId="watchlist-results"
          columns={[num('Match'), 'Name that matched', 'Entry', 'Kind', 'List', 'Why listed']}
        >
          {search.data.hits.map((h) => (
            <tr key={h.entryId}>
              <td className="num">
                <strong>{formatPercent(h.score, 0)}</strong>
              </td>
              <td>
                <MatchedName hit={h} />
              </td>
              <td>
                {h.name} <span className="muted mono small">{h.entryId}</span>
              </td>
              <td>{h.kind}</td>
              <td className="nowrap">
                {h.list} <span className="muted small">{h.listVersion}</span>
              </td>
              <td className="small">{[h.program, h.reason].filter(Boolean).join(' · ')}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <WatchlistImport importer={can(me.role, WATCHLIST_IMPORTERS)} />
    </>
  );
}
