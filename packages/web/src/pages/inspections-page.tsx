import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import type { InspectionResult, InspectionTask } from '../api/types.ts';
import { LaneBadge, PageHeader } from '../components/notices.tsx';
import { QueryView } from '../components/query-view.tsx';
import { describeFinding } from '../lib/findings.ts';
import { formatDateTime } from '../lib/format.ts';

/**
 * An inspector's day: the controls assigned to them (from the targeting
 * officers' red and yellow decisions) and the results they recorded. Cards
 * rather than a wide table: this page is read on a phone.
 */
export function InspectionsPage() {
  const [params] = useSearchParams();
  const recorded = params.get('recorded');
  const tasks = useQuery({
    queryKey: ['inspections', 'assigned'],
    queryFn: ({ signal }) => api<InspectionTask[]>('/api/inspections/assigned', { signal }),
    refetchInterval: 30_000,
  });
  const mine = useQuery({
    queryKey: ['inspections', 'mine'],
    queryFn: ({ signal }) =>
      api<{ result: InspectionResult; receivedAt: string }[]>('/api/inspections', {
        query: { limit: 50 },
        signal,
      }),
  });

  return (
    <div className="narrow">
      <PageHeader title="My inspections">
        <Link className="button primary" to="/inspections/record">
          Record a result
        </Link>
      </PageHeader>
      {recorded ? (
        <div className="notice notice-ok" role="status">
          Result <span className="mono">{recorded}</span> recorded.
        </div>
      ) : null}
      <h2>Assigned to me</h2>
      <QueryView
        query={tasks}
        what="Assigned controls"
        isEmpty={(d) => d.every((t) => t.resultId)}
        empty="Nothing waiting for you."
      >
        {(d) => (
          <ul className="cards" data-testid="assigned">
            {d
              .filter((t) => !t.resultId)
              .map((t) => (
                <li key={`${t.declarationId}:${t.declarationVersion}`} className="card task">
                  <div className="task-head">
                    <LaneBadge lane={t.lane} /> <span className="mono">{t.declarationId}</span>{' '}
                    <span className="muted">{t.office}</span>
                  </div>
                  <div className="small">{t.reason}</div>
                  <div className="muted small">
                    {t.importerName ?? ''} · decided by {t.decidedBy} {formatDateTime(t.decidedAt)}
                  </div>
                  <div className="task-actions">
                    <Link to={`/declarations/${encodeURIComponent(t.declarationId)}`}>Declaration</Link>
                    <Link
                      className="button primary"
                      to={`/inspections/record?declaration=${encodeURIComponent(t.declarationId)}&version=${t.declarationVersion}`}
                    >
                      Record result
                    </Link>
                  </div>
                </li>
              ))}
          </ul>
        )}
      </QueryView>
      <h2>Recorded</h2>
      <QueryView
        query={mine}
        what="Your results"
        isEmpty={(d) => d.length === 0}
        empty="No result recorded yet."
      >
        {(d) => (
          <ul className="cards" data-testid="recorded">
            {d.map(({ result: r }) => (
              <li key={r.id} className={`card result${r.id === recorded ? ' highlight' : ''}`}>
                <div className="task-head">
                  <span className={r.outcome === 'finding' ? 'outcome finding' : 'outcome'}>
                    {r.outcome === 'finding' ? 'Finding' : 'No finding'}
                  </span>{' '}
                  <Link to={`/declarations/${encodeURIComponent(r.declarationId)}`} className="mono">
                    {r.declarationId}
                  </Link>
                  <span className="muted small"> {r.kind}</span>
                </div>
                <ul className="plain small">
                  {r.findings.map((f, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: findings have no id and never reorder
                    <li key={i}>{describeFinding(f)}</li>
                  ))}
                </ul>
                <div className="muted small">
                  {r.inspector} · {formatDateTime(r.startedAt)}
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </div>
  );
}
