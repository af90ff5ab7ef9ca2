import type { IntakeRun } from '@sieve/store';
import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { api } from '../api/client.ts';
import { DataTable, num } from '../components/data-table.tsx';
import { PageHeader } from '../components/notices.tsx';
import { QueryView } from '../components/query-view.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useUrlFilters } from '../lib/use-url-filters.ts';

/** server: QuarantinedRecord */
interface Quarantined {
  id: number;
  recordNo: number;
  kind: string | null;
  reasons: { field: string; value?: unknown; expected: string }[];
  raw: string;
}

/**
 * What came in and what was held back: every intake run with read =
 * accepted + quarantined, and for a run, each quarantined record with the
 * field, the value found and what was expected (viewing them is audited).
 */
export function IntakePage() {
  const { values: f, set } = useUrlFilters(['run'] as const);
  const runs = useQuery({
    queryKey: ['intake-runs'],
    queryFn: ({ signal }) => api<IntakeRun[]>('/api/intake/runs', { query: { limit: 100 }, signal }),
    refetchInterval: 15_000,
  });
  return (
    <>
      <PageHeader title="Intake" />
      <p className="muted">
        Nothing is lost: every record read is either accepted (new, or already stored) or quarantined with its
        reasons.
      </p>
      <QueryView
        query={runs}
        what="Intake runs"
        isEmpty={(d) => d.length === 0}
        empty="Nothing taken in yet."
      >
        {(d) => (
          <DataTable
            testId="intake-runs"
            compact
            columns={[
              'Run',
              'Source',
              'By',
              'Started',
              'Status',
              num('Read'),
              num('New'),
              num('Already stored'),
              num('Quarantined'),
            ]}
          >
            {d.map((r) => (
              <Fragment key={r.id}>
                <tr>
                  <td className="mono">#{r.id}</td>
                  <td className="ellipsis" title={r.source}>
                    {r.source} <span className="muted small">{r.format}</span>
                  </td>
                  <td>{r.actor}</td>
                  <td className="nowrap">{formatDateTime(r.startedAt)}</td>
                  <td>
                    <span
                      className={`status ${r.status === 'completed' ? 'status-active' : r.status === 'failed' ? 'danger' : 'status-draft'}`}
                    >
                      {r.status}
                    </span>
                    {r.error ? <div className="small danger">{r.error}</div> : null}
                  </td>
                  <td className="num">{r.read.toLocaleString('en')}</td>
                  <td className="num">{r.inserted.toLocaleString('en')}</td>
                  <td className="num">{r.duplicates.toLocaleString('en')}</td>
                  <td className="num">
                    {r.quarantined > 0 ? (
                      <button
                        type="button"
                        className="link danger"
                        onClick={() => set('run', f.run === String(r.id) ? '' : String(r.id))}
                      >
                        {r.quarantined.toLocaleString('en')}
                      </button>
                    ) : (
                      0
                    )}
                  </td>
                </tr>
                {f.run === String(r.id) ? (
                  <tr>
                    <td colSpan={9}>
                      <QuarantineList runId={r.id} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </DataTable>
        )}
      </QueryView>
    </>
  );
}

function QuarantineList({ runId }: { runId: number }) {
  const held = useQuery({
    queryKey: ['quarantine', runId],
    queryFn: ({ signal }) =>
      api<Quarantined[]>(`/api/intake/runs/${runId}/quarantine`, { query: { limit: 100 }, signal }),
  });
  return (
    <QueryView query={held} what="Quarantined records">
      {(d) => (
        <ul className="plain quarantine" data-testid="quarantine">
          {d.map((q) => (
            <li key={q.id}>
              <strong>record {q.recordNo}</strong> {q.kind ? <span className="muted">{q.kind}</span> : null}
              <ul className="plain small">
                {q.reasons.map((e) => (
                  <li key={`${e.field}:${e.expected}`}>
                    <span className="mono">{e.field}</span>
                    {e.value !== undefined ? (
                      <>
                        {' '}
                        was <span className="mono">{JSON.stringify(e.value)}</span>
                      </>
                    ) : null}
                    : expected {e.expected}
                  </li>
                ))}
              </ul>
              <details className="small">
                <summary>raw record</summary>
                <pre className="raw">{q.raw}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </QueryView>
  );
}
