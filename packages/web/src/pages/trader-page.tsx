import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { DeclarationStatus, Page } from '../api/types.ts';
import { Empty, ErrorNotice, LaneBadge, Loading, PageHeader } from '../components/notices.tsx';
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
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNotice error={list.error} what="Your declarations" />
      ) : list.data.items.length === 0 ? (
        <Empty>No declaration lodged for your company yet.</Empty>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Declaration</th>
              <th>Office</th>
              <th>Lodged</th>
              <th>Status</th>
              {list.data.items.some((d) => 'riskLevel' in d) ? <th>Risk level</th> : null}
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((d) => (
              <tr key={d.id}>
                <td className="mono">{d.id}</td>
                <td>{d.office}</td>
                <td>{formatDateTime(d.lodgedAt)}</td>
                <td>{STATUS_WORDS[d.status] ?? d.status}</td>
                {'riskLevel' in d ? (
                  <td>{d.riskLevel ? <LaneBadge lane={d.riskLevel} /> : 'not assessed'}</td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
