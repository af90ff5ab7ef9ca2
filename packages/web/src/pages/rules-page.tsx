import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import type { RulesetSummary } from '../api/types.ts';
import { DataTable, num } from '../components/data-table.tsx';
import { PageHeader } from '../components/notices.tsx';
import { QueryView } from '../components/query-view.tsx';
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
      <QueryView
        query={sets}
        what="Rulesets"
        isEmpty={(d) => d.length === 0}
        empty="No ruleset yet. Import one with `sieve rules import`."
      >
        {(d) => (
          <DataTable
            testId="rulesets"
            columns={['Ruleset', 'Version', 'Status', num('Rules'), 'Made', 'Why', 'Activated']}
          >
            {d.map((s) => (
              <tr key={`${s.name}@${s.version}`} className={s.status === 'active' ? 'row-active' : undefined}>
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
          </DataTable>
        )}
      </QueryView>
    </>
  );
}
