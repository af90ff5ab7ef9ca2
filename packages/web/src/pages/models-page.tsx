import type { ModelVersion } from '@sieve/store/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { can, RULE_EDITORS } from '../auth/navigation.ts';
import { useMe } from '../auth/session.tsx';
import { DataTable, num } from '../components/data-table.tsx';
import { ErrorNotice, PageHeader } from '../components/notices.tsx';
import { QueryView } from '../components/query-view.tsx';
import { formatDate, formatDateTime } from '../lib/format.ts';

/**
 * The numeric metrics of a model, flattened one level (`valid.auc`), as
 * short `name value` pairs: the registry keeps whatever the evaluation
 * reported (docs/model.md), so the page shows what is there.
 */
export function metricPairs(metrics: Record<string, unknown>, max = 8): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  const add = (name: string, v: unknown) => {
    if (typeof v === 'number' && Number.isFinite(v))
      out.push({
        name,
        value: Math.abs(v) < 10 && !Number.isInteger(v) ? v.toFixed(3) : v.toLocaleString('en'),
      });
  };
  for (const [k, v] of Object.entries(metrics)) {
    if (v && typeof v === 'object' && !Array.isArray(v))
      for (const [k2, v2] of Object.entries(v)) add(`${k}.${k2}`, v2);
    else add(k, v);
  }
  return out.slice(0, max);
}

/** Model versions by content hash, their validation metrics, and which one scores; analysts activate one with a reason. */
export function ModelsPage() {
  const me = useMe();
  const client = useQueryClient();
  const models = useQuery({
    queryKey: ['models'],
    queryFn: ({ signal }) => api<ModelVersion[]>('/api/models', { signal }),
  });
  const [reason, setReason] = useState<Record<number, string>>({});
  const activate = useMutation({
    mutationFn: (id: number) =>
      api<ModelVersion>(`/api/models/${id}/activate`, {
        method: 'POST',
        body: { reason: reason[id]?.trim() },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['models'] }),
  });
  const editor = can(me.role, RULE_EDITORS);
  return (
    <>
      <PageHeader title="Models" />
      <p className="muted">
        Train and register versions with `sieve model train`; the active one takes part in every new
        assessment.
      </p>
      {activate.isError ? <ErrorNotice error={activate.error} what="Activation" /> : null}
      <QueryView
        query={models}
        what="Models"
        isEmpty={(d) => d.length === 0}
        empty="No model registered yet."
      >
        {(d) => (
          <DataTable
            testId="models"
            columns={['Version', 'Features', 'Trained on', num('Rows'), 'Metrics', 'Status']}
          >
            {d.map((m) => (
              <tr key={m.id} className={m.active ? 'row-active' : undefined}>
                <td>
                  <span className="mono">#{m.id}</span>{' '}
                  <span className="muted mono small">{m.sha256.slice(0, 10)}</span>
                  <div className="muted small">{m.registeredBy}</div>
                </td>
                <td>{m.featureSet}</td>
                <td className="nowrap">
                  {formatDate(m.trainedFrom)} – {formatDate(m.trainedTo)}
                </td>
                <td className="num">{m.trainingRows.toLocaleString('en')}</td>
                <td className="small">
                  {metricPairs(m.metrics).map((p) => (
                    <span key={p.name} className="tag">
                      {p.name} <strong>{p.value}</strong>
                    </span>
                  ))}
                </td>
                <td>
                  {m.active ? (
                    <>
                      <span className="status status-active">active</span>
                      <div className="muted small">
                        {formatDateTime(m.activatedAt)} · {m.activatedBy}
                      </div>
                    </>
                  ) : editor ? (
                    <form
                      className="row"
                      onSubmit={(e) => {
                        e.preventDefault();
                        activate.mutate(m.id);
                      }}
                    >
                      <input
                        aria-label={`Reason to activate #${m.id}`}
                        placeholder="why"
                        value={reason[m.id] ?? ''}
                        onChange={(e) => setReason((r) => ({ ...r, [m.id]: e.target.value }))}
                        size={14}
                      />
                      <button
                        type="submit"
                        disabled={(reason[m.id]?.trim().length ?? 0) < 3 || activate.isPending}
                      >
                        Activate
                      </button>
                    </form>
                  ) : (
                    <span className="status">inactive</span>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryView>
    </>
  );
}
