import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { LANES, type Page, type QueueItem, RULE_CATEGORIES } from '../api/types.ts';
import { DataTable, MoreButton, num } from '../components/data-table.tsx';
import { FilterBar } from '../components/filter-bar.tsx';
import { DateRange, Field, SelectField } from '../components/form-fields.tsx';
import { LaneBadge, PageHeader, ScoreBar } from '../components/notices.tsx';
import { QueryView } from '../components/query-view.tsx';
import { queueReason } from '../lib/explanation.ts';
import { categoryName, formatDateTime, formatMoney } from '../lib/format.ts';
import { FILTER_PAUSE_MS, useDebounced } from '../lib/use-debounced.ts';
import { dayPeriod, useUrlFilters } from '../lib/use-url-filters.ts';

const FILTERS = ['office', 'lane', 'category', 'from', 'to', 'decided'] as const;
/** The "Show" filter: blank (the default) is what still waits for an officer. */
const DECIDED_CHOICES = [
  { value: '', label: 'awaiting decision' },
  { value: 'true', label: 'decided' },
  { value: 'any', label: 'all' },
];
/** How often the queue asks for new referrals: officers leave it open all shift. */
export const QUEUE_REFRESH_MS = 10_000;

/**
 * The referral queue: declarations the risk engine sent to control, most
 * risky first, refreshed every few seconds. An officer filters by office,
 * lane, category and lodgement date, and opens one to read why and decide.
 */
export function QueuePage() {
  const { values: f, set, clear } = useUrlFilters(FILTERS);
  const [limit, setLimit] = useState(100);
  const query = {
    office: f.office,
    lane: f.lane,
    category: f.category,
    ...dayPeriod(f.from, f.to),
    // Blank: waiting for a decision; `any`: everything (the server's default when the filter is absent).
    decided: f.decided === 'any' ? undefined : f.decided || 'false',
    limit,
  };
  // Typing in a filter asks the server once the typing pauses, not at every key.
  const settled = useDebounced(query, FILTER_PAUSE_MS);
  const queue = useQuery({
    queryKey: ['queue', settled],
    queryFn: ({ signal }) => api<Page<QueueItem>>('/api/queue', { query: settled, signal }),
    refetchInterval: QUEUE_REFRESH_MS,
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader title="Referral queue">
        <span className="muted small" aria-live="polite" data-testid="queue-updated">
          {queue.dataUpdatedAt ? `updated ${new Date(queue.dataUpdatedAt).toLocaleTimeString('en-GB')}` : ''}
          {queue.isFetching ? ' · refreshing' : ''}
        </span>
      </PageHeader>
      <FilterBar label="Filters" onClear={clear}>
        <Field
          label="Office"
          value={f.office}
          onChange={(e) => set('office', e.target.value.toUpperCase())}
          placeholder="any"
          size={10}
        />
        <SelectField label="Lane" value={f.lane} onChange={(v) => set('lane', v)} any="any" choices={LANES} />
        <SelectField
          label="Category"
          value={f.category}
          onChange={(v) => set('category', v)}
          any="any"
          choices={RULE_CATEGORIES.map((c) => ({ value: c, label: categoryName(c) }))}
        />
        <DateRange fromLabel="Lodged from" from={f.from} to={f.to} onChange={set} />
        <SelectField
          label="Show"
          value={f.decided}
          onChange={(v) => set('decided', v)}
          choices={DECIDED_CHOICES}
        />
      </FilterBar>
      <QueryView
        query={queue}
        what="The referral queue"
        loading="Loading the queue"
        isEmpty={(d) => d.items.length === 0}
        empty="No referrals match these filters."
      >
        {(d) => (
          <>
            <QueueTable key={JSON.stringify(settled)} items={d.items} />
            {d.nextCursor && limit < 500 ? (
              <MoreButton onClick={() => setLimit((l) => Math.min(500, l + 100))}>Show more</MoreButton>
            ) : null}
          </>
        )}
      </QueryView>
    </>
  );
}

const keyOf = (q: QueueItem) => `${q.declarationId}:${q.declarationVersion}`;

/** Referrals that arrived since the page was opened are marked, so a refresh that adds one is noticed. */
function useArrivals(items: QueueItem[]): Set<string> {
  const seen = useRef<Set<string> | null>(null);
  const arrived = useRef(new Set<string>());
  if (seen.current === null) seen.current = new Set(items.map(keyOf));
  for (const q of items) {
    const k = keyOf(q);
    if (!seen.current.has(k)) {
      seen.current.add(k);
      arrived.current.add(k);
    }
  }
  return arrived.current;
}

function QueueTable({ items }: { items: QueueItem[] }) {
  const arrived = useArrivals(items);
  return (
    <DataTable
      testId="queue"
      columns={[
        num('#'),
        'Risk',
        'Lane',
        'Declaration',
        'Office',
        'Lodged',
        'Importer',
        'From',
        num('Value'),
        'Why',
        'Decision',
      ]}
    >
      {items.map((q, i) => (
        <tr key={keyOf(q)} className={arrived.has(keyOf(q)) ? 'row-new' : undefined}>
          <td className="num muted">{i + 1}</td>
          <td>
            <ScoreBar score={q.score} />
          </td>
          <td>
            <LaneBadge lane={q.lane} />
            {q.selectedBy === 'random' ? (
              <span className="tag" title="selected at random, whatever the score">
                random
              </span>
            ) : null}
          </td>
          <td>
            <Link to={`/declarations/${encodeURIComponent(q.declarationId)}`} className="mono">
              {q.declarationId}
            </Link>
            {q.declarationVersion > 1 ? <span className="muted"> v{q.declarationVersion}</span> : null}
          </td>
          <td>{q.office}</td>
          <td className="nowrap">{formatDateTime(q.lodgedAt)}</td>
          <td className="ellipsis" title={q.importerName ?? ''}>
            {q.importerName ?? '—'}
          </td>
          <td>{q.dispatchCountry ?? '—'}</td>
          <td className="num nowrap">{formatMoney(q.customsValue, q.currency)}</td>
          <td className="why">
            {q.categories.map((c) => (
              <span key={c} className={`tag cat-${c}`}>
                {categoryName(c)}
              </span>
            ))}
            <span className="ellipsis reason" title={q.reasons.join('\n')}>
              {queueReason(q.reasons)}
            </span>
          </td>
          <td>
            {q.decision ? (
              <LaneBadge lane={q.decision.lane} title={`decided by ${q.decision.decidedBy}`} />
            ) : (
              <span className="muted">open</span>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
