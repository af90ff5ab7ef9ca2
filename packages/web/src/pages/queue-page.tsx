import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { LANES, type Page, type QueueItem, RULE_CATEGORIES } from '../api/types.ts';
import { Empty, ErrorNotice, LaneBadge, Loading, PageHeader, ScoreBar } from '../components/notices.tsx';
import { queueReason } from '../lib/explanation.ts';
import { formatDateTime, formatMoney } from '../lib/format.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import { dayAfter, dayStart, useUrlFilters } from '../lib/use-url-filters.ts';

const FILTERS = ['office', 'lane', 'category', 'from', 'to', 'decided'] as const;
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
    from: dayStart(f.from),
    to: dayAfter(f.to),
    // Blank: waiting for a decision; `any`: everything (the server's default when the filter is absent).
    decided: f.decided === 'any' ? undefined : f.decided || 'false',
    limit,
  };
  // Typing in a filter asks the server once the typing pauses, not at every key.
  const settled = useDebounced(query, 300);
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
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <label>
          Office
          <input
            value={f.office}
            onChange={(e) => set('office', e.target.value.toUpperCase())}
            placeholder="any"
            size={10}
          />
        </label>
        <label>
          Lane
          <select value={f.lane} onChange={(e) => set('lane', e.target.value)}>
            <option value="">any</option>
            {LANES.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <label>
          Category
          <select value={f.category} onChange={(e) => set('category', e.target.value)}>
            <option value="">any</option>
            {RULE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {c.replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <label>
          Lodged from
          <input type="date" value={f.from} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label>
          to
          <input type="date" value={f.to} onChange={(e) => set('to', e.target.value)} />
        </label>
        <label>
          Show
          <select value={f.decided} onChange={(e) => set('decided', e.target.value)}>
            <option value="">awaiting decision</option>
            <option value="true">decided</option>
            <option value="any">all</option>
          </select>
        </label>
        <button type="button" className="link" onClick={clear}>
          Clear
        </button>
      </form>
      {queue.isPending ? (
        <Loading what="Loading the queue" />
      ) : queue.isError ? (
        <ErrorNotice error={queue.error} what="The referral queue" />
      ) : queue.data.items.length === 0 ? (
        <Empty>No referrals match these filters.</Empty>
      ) : (
        <>
          <QueueTable key={JSON.stringify(settled)} items={queue.data.items} />
          {queue.data.nextCursor && limit < 500 ? (
            <div className="more">
              <button type="button" onClick={() => setLimit((l) => Math.min(500, l + 100))}>
                Show more
              </button>
            </div>
          ) : null}
        </>
      )}
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
    <div className="table-wrap">
      <table className="table" data-testid="queue">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>Risk</th>
            <th>Lane</th>
            <th>Declaration</th>
            <th>Office</th>
            <th>Lodged</th>
            <th>Importer</th>
            <th>From</th>
            <th className="num">Value</th>
            <th>Why</th>
            <th>Decision</th>
          </tr>
        </thead>
        <tbody>
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
                    {c.replace('_', ' ')}
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
        </tbody>
      </table>
    </div>
  );
}
