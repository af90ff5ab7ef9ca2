import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, fieldErrors } from '../api/client.ts';
import { type Finding, INSPECTION_KINDS, type InspectionResult } from '../api/types.ts';
import { useMe } from '../auth/session.tsx';
import { Field } from '../components/form-fields.tsx';
import { ErrorNotice, PageHeader } from '../components/notices.tsx';
import { emptyFinding, type FindingDraft, toFinding } from '../lib/findings.ts';

const FINDING_TYPES: { type: Finding['type']; label: string }[] = [
  { type: 'revenue_adjustment', label: 'Revenue adjustment' },
  { type: 'seizure', label: 'Seizure' },
  { type: 'penalty', label: 'Penalty' },
  { type: 'other', label: 'Other' },
];

/** `2026-02-03T14:05` for a datetime-local input, in the device's time. */
function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/**
 * The inspection result, typed on a phone at the container: which
 * declaration, what kind of control, found something or not, and if so what
 * (one or more findings). Big targets, one column, numeric keyboards where
 * numbers go; problems are said beside the field before anything is sent.
 */
export function InspectionFormPage() {
  const me = useMe();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [declarationId, setDeclarationId] = useState(params.get('declaration') ?? '');
  const version = Number(params.get('version')) || undefined;
  const [kind, setKind] = useState<(typeof INSPECTION_KINDS)[number]>('physical');
  const [startedAt, setStartedAt] = useState(localNow);
  const [found, setFound] = useState<boolean | null>(null);
  const [findings, setFindings] = useState<FindingDraft[]>([]);
  const [narrative, setNarrative] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});

  // The currency of the declaration, to prefill amounts; inspectors may not reach it until assigned.
  const decl = useQuery({
    queryKey: ['declaration', declarationId],
    queryFn: ({ signal }) =>
      api<{ declaration: { currency: string } }>(`/api/declarations/${encodeURIComponent(declarationId)}`, {
        signal,
      }),
    enabled: declarationId.length > 0 && params.get('declaration') === declarationId,
    retry: false,
  });
  const currency = decl.data?.declaration.currency ?? '';

  const record = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<InspectionResult>('/api/inspections', { method: 'POST', body }),
    onSuccess: (r) => {
      client.invalidateQueries({ queryKey: ['inspections'] });
      client.invalidateQueries({ queryKey: ['declaration', r.declarationId] });
      // Inspectors go back to their list; an administrator recording for someone, to the declaration.
      navigate(
        me.role === 'inspector'
          ? `/inspections?recorded=${encodeURIComponent(r.id)}`
          : `/declarations/${encodeURIComponent(r.declarationId)}`,
      );
    },
    onError: (err) => setProblems(fieldErrors(err)),
  });

  function setFinding(i: number, patch: Partial<FindingDraft>) {
    setFindings((fs) => fs.map((f, j) => (j === i ? { ...f, ...patch } : f)));
    // A corrected field no longer shows its problem; the others stay until the next try.
    setProblems((ps) => {
      const next = { ...ps };
      for (const k of Object.keys(patch)) delete next[`findings[${i}].${k}`];
      return next;
    });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!declarationId.trim()) next.declarationId = 'which declaration was inspected?';
    if (found === null) next.outcome = 'say whether anything was found';
    const built: Finding[] = [];
    if (found) {
      if (findings.length === 0) next.findings = 'add what was found';
      findings.forEach((d, i) => {
        const r = toFinding(d);
        if ('finding' in r) built.push(r.finding);
        else for (const [k, v] of Object.entries(r.problems)) next[`findings[${i}].${k}`] = v;
      });
    }
    setProblems(next);
    if (Object.keys(next).length > 0) return;
    record.mutate({
      declarationId: declarationId.trim(),
      ...(version ? { declarationVersion: version } : {}),
      inspector: me.id,
      kind,
      startedAt: new Date(startedAt).toISOString(),
      endedAt: new Date().toISOString(),
      outcome: found ? 'finding' : 'no_finding',
      findings: built,
      ...(narrative.trim() ? { narrative: narrative.trim() } : {}),
    });
  }

  const err = (key: string) =>
    problems[key] ? (
      <span className="field-error" role="alert">
        {problems[key]}
      </span>
    ) : null;

  return (
    <div className="narrow">
      <PageHeader title="Record an inspection result" />
      <form className="stack mobile-form" onSubmit={submit} noValidate aria-label="Inspection result">
        <Field
          label="Declaration"
          name="declarationId"
          value={declarationId}
          onChange={(e) => setDeclarationId(e.target.value.trim())}
          autoCapitalize="characters"
          autoComplete="off"
          required
          error={problems.declarationId}
          announceError
        />
        <fieldset className="segmented">
          <legend>Kind of control</legend>
          {INSPECTION_KINDS.map((k) => (
            <label key={k} className={kind === k ? 'chosen' : ''}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {k}
            </label>
          ))}
        </fieldset>
        <Field
          label="Started"
          type="datetime-local"
          name="startedAt"
          value={startedAt}
          onChange={(e) => setStartedAt(e.target.value)}
          required
          error={problems.startedAt}
          announceError
        />
        <fieldset className="segmented outcome-choice">
          <legend>Outcome</legend>
          <label className={found === false ? 'chosen' : ''}>
            <input
              type="radio"
              name="outcome"
              value="no_finding"
              checked={found === false}
              onChange={() => {
                setFound(false);
                setFindings([]);
              }}
            />
            Nothing found
          </label>
          <label className={found === true ? 'chosen finding' : ''}>
            <input
              type="radio"
              name="outcome"
              value="finding"
              checked={found === true}
              onChange={() => {
                setFound(true);
                if (findings.length === 0) setFindings([emptyFinding('revenue_adjustment', currency)]);
              }}
            />
            Finding
          </label>
          {err('outcome')}
        </fieldset>
        {found
          ? findings.map((f, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the drafts have no id; removing re-renders them all
              <fieldset key={i} className="finding-card">
                <legend>Finding {i + 1}</legend>
                <label>
                  What
                  <select
                    name={`findings[${i}].type`}
                    value={f.type}
                    onChange={(e) => setFinding(i, { type: e.target.value as Finding['type'] })}
                  >
                    {FINDING_TYPES.map((t) => (
                      <option key={t.type} value={t.type}>
                        {t.label}
                      </option>
                    ))}
                  </select>
                </label>
                {f.type === 'revenue_adjustment' || f.type === 'penalty' ? (
                  <div className="row">
                    <Field
                      label="Amount"
                      grow
                      name={`findings[${i}].amount`}
                      inputMode="decimal"
                      value={f.amount}
                      onChange={(e) => setFinding(i, { amount: e.target.value })}
                      error={problems[`findings[${i}].amount`]}
                      announceError
                    />
                    <Field
                      label="Currency"
                      name={`findings[${i}].currency`}
                      value={f.currency}
                      size={4}
                      maxLength={3}
                      onChange={(e) => setFinding(i, { currency: e.target.value.toUpperCase() })}
                      error={problems[`findings[${i}].currency`]}
                      announceError
                    />
                  </div>
                ) : null}
                {f.type === 'revenue_adjustment' ? (
                  <Field
                    label="Reason"
                    name={`findings[${i}].reason`}
                    value={f.reason}
                    onChange={(e) => setFinding(i, { reason: e.target.value })}
                    placeholder="e.g. under-valued, wrong tariff line"
                  />
                ) : null}
                {f.type === 'seizure' ? (
                  <>
                    <Field
                      label="Commodity"
                      name={`findings[${i}].commodity`}
                      value={f.commodity}
                      onChange={(e) => setFinding(i, { commodity: e.target.value })}
                      error={problems[`findings[${i}].commodity`]}
                      announceError
                    />
                    <div className="row">
                      <Field
                        label="Quantity"
                        grow
                        name={`findings[${i}].quantity`}
                        inputMode="decimal"
                        value={f.quantity}
                        onChange={(e) => setFinding(i, { quantity: e.target.value })}
                        error={problems[`findings[${i}].quantity`]}
                        announceError
                      />
                      <Field
                        label="Unit"
                        name={`findings[${i}].unit`}
                        value={f.unit}
                        size={5}
                        onChange={(e) => setFinding(i, { unit: e.target.value })}
                        error={problems[`findings[${i}].unit`]}
                        announceError
                      />
                    </div>
                    <Field
                      label="HS code (optional)"
                      name={`findings[${i}].hsCode`}
                      inputMode="numeric"
                      value={f.hsCode}
                      onChange={(e) => setFinding(i, { hsCode: e.target.value.replace(/\D/g, '') })}
                      error={problems[`findings[${i}].hsCode`]}
                      announceError
                    />
                  </>
                ) : null}
                {f.type === 'other' ? (
                  <label>
                    Description
                    <textarea
                      name={`findings[${i}].description`}
                      rows={2}
                      value={f.description}
                      onChange={(e) => setFinding(i, { description: e.target.value })}
                    />
                    {err(`findings[${i}].description`)}
                  </label>
                ) : null}
                {findings.length > 1 ? (
                  <button
                    type="button"
                    className="link"
                    onClick={() => setFindings((fs) => fs.filter((_, j) => j !== i))}
                  >
                    Remove this finding
                  </button>
                ) : null}
              </fieldset>
            ))
          : null}
        {found ? (
          <button
            type="button"
            onClick={() => setFindings((fs) => [...fs, emptyFinding('seizure', currency)])}
          >
            Add another finding
          </button>
        ) : null}
        {err('findings')}
        <label>
          Notes (optional)
          <textarea
            name="narrative"
            rows={3}
            value={narrative}
            onChange={(e) => setNarrative(e.target.value)}
          />
        </label>
        {record.isError ? <ErrorNotice error={record.error} what="Recording the result" /> : null}
        <button type="submit" className="primary big" disabled={record.isPending}>
          {record.isPending ? 'Recording…' : 'Record result'}
        </button>
        <Link to="/inspections" className="center small">
          Cancel
        </Link>
      </form>
    </div>
  );
}
