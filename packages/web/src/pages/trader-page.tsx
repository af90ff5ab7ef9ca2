import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { DeclarationStatus, Page } from '../api/types.ts';
import { LaneBadge, PageHeader } from '../components/notices.tsx';
import { QueryView } from '../components/query-view.tsx';
import { formatDateTime } from '../lib/format.ts';

const STATUS_WORDS: Record<string, string> = {
  received: 'received, being assessed',
  released: 'released',
  under_control: 'selected for control',
  inspected: 'inspected',
};

/** A trader sees where their own declarations stand, and the risk level only where the administration allows it. */
export function TraderPage() {
  const list = useQuery({
    queryKey: ['trader-declarations'],
    queryFn: ({ signal }) =>
      api<Page<DeclarationStatus>>('/api/trader/declarations', { query: { limit: 100 }, signal }),
  });
  return (
    <>
      <PageHeader title="My declarations" />
      <QueryView
        query={list}
        what="Your declarations"
        isEmpty={(d) => d.items.length === 0}
        empty="No declaration lodged for your company yet."
      >
        {(d) => (
          <table className="table">
            <thead>
              <tr>
                <th>Declaration</th>
                <th>Office</th>
                <th>Lodged</th>
                <th>Status</th>
                {d.items.some((x) => 'riskLevel' in x) ? <th>Risk level</th> : null}
              </tr>
            </thead>
            <tbody>
              {d.items.map((x) => (
                <tr key={x.id}>
                  <td className="mono">{x.id}</td>
                  <td>{x.office}</td>
                  <td>{formatDateTime(x.lodgedAt)}</td>
                  <td>{STATUS_WORDS[x.status] ?? x.status}</td>
                  {'riskLevel' in x ? (
                    <td>{x.riskLevel ? <LaneBadge lane={x.riskLevel} /> : 'not assessed'}</td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </>
  );
}
