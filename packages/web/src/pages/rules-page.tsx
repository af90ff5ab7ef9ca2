import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import type { RulesetSummary } from '../api/types.ts';
import { Empty, ErrorNotice, Loading, PageHeader } from '../components/notices.tsx';
import { formatDateTime } from '../lib/format.ts';

/** Every ruleset version: the active one, drafts waiting for a backtest and an activation, retired ones kept for replay. */
export function RulesPage() {
  const sets = useQuery({
    queryKey: ['rulesets'],
    queryFn: ({ signal }) => api<RulesetSummary[]>('/api/rulesets', { signal }),
  });
  return (
    <>
      <PageHeader title="Rules" />
      <p className="muted">
        A ruleset version never changes once active: edit a version to make a new draft, backtest it on past
        declarations, then activate it with a reason.
      </p>
      {sets.isPending ? (
        <Loading />
      ) : sets.isError ? (
        <ErrorNotice error={sets.error} what="Rulesets" />
      ) : sets.data.length === 0 ? (
        <Empty>No ruleset yet. Import one with `sieve rules import`.</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="rulesets">
            <thead>
              <tr>
                <th>Ruleset</th>
                <th>Version</th>
                <th>Status</th>
                <th className="num">Rules</th>
                <th>Made</th>
                <th>Why</th>
                <th>Activated</th>
              </tr>
            </thead>
            <tbody>
              {sets.data.map((s) => (
                <tr
                  key={`${s.name}@${s.version}`}
                  className={s.status === 'active' ? 'row-active' : undefined}
                >
                  <td>
                    <Link to={`/rules/${encodeURIComponent(s.name)}/${s.version}`}>{s.name}</Link>
                  </td>
                  <td className="mono">v{s.version}</td>
                  <td>
                    <span className={`status status-${s.status}`}>{s.status}</span>
                  </td>
                  <td className="num">{s.ruleCount}</td>
                  <td className="nowrap">
                    {formatDateTime(s.createdAt)} <span className="muted">{s.createdBy}</span>
                  </td>
                  <td className="ellipsis" title={s.reason ?? ''}>
                    {s.reason ?? ''}
                  </td>
                  <td className="nowrap">
                    {s.activatedAt ? `${formatDateTime(s.activatedAt)} · ${s.activatedBy ?? ''}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
