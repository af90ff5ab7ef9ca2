import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, isMissingEndpoint } from '../api/client.ts';
import type { Decision, Lane } from '../api/types.ts';
import { formatDateTime } from '../lib/format.ts';
import { Field } from './form-fields.tsx';
import { ErrorNotice, LaneBadge } from './notices.tsx';

const CHOICES: { lane: Lane; label: string; hint: string }[] = [
  { lane: 'red', label: 'Red', hint: 'physical examination' },
  { lane: 'yellow', label: 'Yellow', hint: 'documentary check' },
  { lane: 'green', label: 'Green', hint: 'release' },
];

/**
 * The targeting officer's decision on a referral: a lane and a reason (both
 * go to the audit log), and for red or yellow optionally the inspector who
 * will do it. Earlier decisions are listed below, newest first.
 */
export function DecisionPanel({
  declarationId,
  version,
  canDecide,
}: {
  declarationId: string;
  version: number;
  canDecide: boolean;
}) {
  const client = useQueryClient();
  const path = `/api/declarations/${encodeURIComponent(declarationId)}/decisions`;
  const decisions = useQuery({
    queryKey: ['decisions', declarationId],
    queryFn: ({ signal }) => api<Decision[]>(path, { signal }),
  });
  const [lane, setLane] = useState<Lane | null>(null);
  const [reason, setReason] = useState('');
  const [assignTo, setAssignTo] = useState('');
  const decide = useMutation({
    mutationFn: () =>
      api<Decision>(path, {
        method: 'POST',
        body: {
          declarationVersion: version,
          lane,
          reason: reason.trim(),
          ...(assignTo.trim() ? { assignTo: assignTo.trim() } : {}),
        },
      }),
    onSuccess: () => {
      setLane(null);
      setReason('');
      setAssignTo('');
      client.invalidateQueries({ queryKey: ['decisions', declarationId] });
      client.invalidateQueries({ queryKey: ['queue'] });
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (lane && reason.trim().length >= 3) decide.mutate();
  }

  const missing = isMissingEndpoint(decisions.error);
  return (
    <section className="card" aria-labelledby="decision-title" data-testid="decision">
      <h2 id="decision-title">Decision</h2>
      {decisions.isError ? <ErrorNotice error={decisions.error} what="Decisions" /> : null}
      {decisions.data && decisions.data.length > 0 ? (
        <ul className="decisions">
          {decisions.data.map((d) => (
            <li key={d.id}>
              <LaneBadge lane={d.lane} /> by <strong>{d.decidedBy}</strong> {formatDateTime(d.decidedAt)}
              {d.assignedTo ? <span className="muted"> · assigned to {d.assignedTo}</span> : null}
              <div className="small">{d.reason}</div>
            </li>
          ))}
        </ul>
      ) : decisions.data ? (
        <p className="muted">No decision yet.</p>
      ) : null}
      {canDecide && !missing ? (
        <form onSubmit={submit} className="decision-form">
          <fieldset className="lane-choice">
            <legend>{decisions.data?.length ? 'Change the decision: lane' : 'Lane'}</legend>
            {CHOICES.map((c) => (
              <label
                key={c.lane}
                className={`lane-option lane-option-${c.lane}${lane === c.lane ? ' chosen' : ''}`}
              >
                <input
                  type="radio"
                  name="lane"
                  value={c.lane}
                  checked={lane === c.lane}
                  onChange={() => setLane(c.lane)}
                />
                {c.label}
                <span className="small">{c.hint}</span>
              </label>
            ))}
          </fieldset>
          <label>
            Reason (kept in the audit log)
            <textarea
              name="reason"
              rows={3}
              value={reason}
              minLength={3}
              required
              onChange={(e) => setReason(e.target.value)}
              placeholder="e.g. cover load from a source country, under-valued; examine the container"
            />
          </label>
          {lane === 'red' || lane === 'yellow' ? (
            <Field
              label="Assign to inspector (user name, optional)"
              name="assignTo"
              value={assignTo}
              onChange={(e) => setAssignTo(e.target.value)}
              autoCapitalize="none"
            />
          ) : null}
          {decide.isError ? <ErrorNotice error={decide.error} what="The decision" /> : null}
          <button
            type="submit"
            className="primary"
            disabled={!lane || reason.trim().length < 3 || decide.isPending}
          >
            {decide.isPending ? 'Recording…' : lane ? `Decide ${lane}` : 'Choose a lane'}
          </button>
        </form>
      ) : null}
    </section>
  );
}
