import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api/client.ts';
import type { RuleSource, Ruleset, RulesetSummary } from '../api/types.ts';
import { can, RULE_EDITORS } from '../auth/navigation.ts';
import { useMe } from '../auth/session.tsx';
import { BacktestPanel } from '../components/backtest-panel.tsx';
import { Field } from '../components/form-fields.tsx';
import { ErrorNotice, Loading, PageHeader } from '../components/notices.tsx';
import { RuleEditor } from '../components/rule-editor.tsx';
import { formatDateTime, signedPoints } from '../lib/format.ts';

const NEW_RULE: RuleSource = {
  id: 'NEW-RULE',
  title: '',
  description: '',
  category: 'revenue',
  points: 10,
  condition: 'any item in declaration.items:\n  item.hsCode startsWith "0901"',
};

/**
 * One ruleset version: its rules, an editor (edits become a new draft
 * version; an active version never changes), the backtest, and activation
 * with a reason that goes to the audit log.
 */
export function RulesetPage() {
  const { name = '', version = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const base = `/api/rulesets/${encodeURIComponent(name)}/versions/${Number(version)}`;
  const set = useQuery({
    queryKey: ['ruleset', name, version],
    queryFn: ({ signal }) => api<Ruleset>(base, { signal }),
  });
  const [rules, setRules] = useState<RuleSource[]>([]);
  const [selected, setSelected] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [saveReason, setSaveReason] = useState('');
  const [activateReason, setActivateReason] = useState('');
  useEffect(() => {
    if (set.data) {
      setRules(set.data.rules);
      setDirty(false);
    }
  }, [set.data]);

  const save = useMutation({
    mutationFn: () =>
      api<RulesetSummary>(`/api/rulesets/${encodeURIComponent(name)}/versions`, {
        method: 'POST',
        body: { rules, parentVersion: Number(version), reason: saveReason.trim() },
      }),
    onSuccess: (s) => {
      client.invalidateQueries({ queryKey: ['rulesets'] });
      setSaveReason('');
      navigate(`/rules/${encodeURIComponent(s.name)}/${s.version}`);
    },
  });
  const activate = useMutation({
    mutationFn: () =>
      api<RulesetSummary>(`${base}/activate`, { method: 'POST', body: { reason: activateReason.trim() } }),
    onSuccess: () => {
      setActivateReason('');
      client.invalidateQueries({ queryKey: ['rulesets'] });
      client.invalidateQueries({ queryKey: ['ruleset', name, version] });
    },
  });

  if (set.isPending) return <Loading what="Loading the ruleset" />;
  if (set.isError) return <ErrorNotice error={set.error} what={`Ruleset ${name} v${version}`} />;
  const s = set.data;
  const editor = can(me.role, RULE_EDITORS);
  const rule = rules[selected];
  const update = (r: RuleSource) => {
    setRules((rs) => rs.map((x, i) => (i === selected ? r : x)));
    setDirty(true);
  };

  return (
    <>
      <PageHeader
        title={
          <>
            {s.name} <span className="mono">v{s.version}</span>{' '}
            <span className={`status status-${s.status}`}>{s.status}</span>
          </>
        }
      >
        <span className="muted small">
          made {formatDateTime(s.createdAt)} by {s.createdBy}
          {s.activatedAt ? ` · activated ${formatDateTime(s.activatedAt)} by ${s.activatedBy}` : ''}
        </span>
      </PageHeader>
      <div className="columns">
        <div className="side-col narrow-col">
          <section className="card">
            <h2>Rules ({rules.length})</h2>
            <ul className="rule-list">
              {rules.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: ids are being edited (and may clash) while the analyst types
                <li key={`${i}:${r.id}`}>
                  <button
                    type="button"
                    className={i === selected ? 'chosen' : ''}
                    onClick={() => setSelected(i)}
                  >
                    <span className="points">{signedPoints(r.points)}</span>{' '}
                    <span className="mono">{r.id}</span>
                    <span className="muted small ellipsis">{r.title}</span>
                  </button>
                </li>
              ))}
            </ul>
            {editor ? (
              <button
                type="button"
                onClick={() => {
                  setRules((rs) => [...rs, { ...NEW_RULE, id: `NEW-RULE-${rs.length + 1}` }]);
                  setSelected(rules.length);
                  setDirty(true);
                }}
              >
                Add a rule
              </button>
            ) : null}
          </section>
        </div>
        <div className="main-col">
          <section className="card">
            <h2>{rule ? rule.id : 'No rule'}</h2>
            {rule ? (
              <RuleEditor rule={rule} onChange={update} readOnly={!editor} listVersions={s.listVersions} />
            ) : null}
            {editor && dirty ? (
              <form
                className="save-bar"
                onSubmit={(e) => {
                  e.preventDefault();
                  save.mutate();
                }}
              >
                <Field
                  label="What changed and why"
                  grow
                  value={saveReason}
                  onChange={(e) => setSaveReason(e.target.value)}
                  minLength={3}
                  required
                />
                <button
                  type="submit"
                  className="primary"
                  disabled={save.isPending || saveReason.trim().length < 3}
                >
                  Save as a new draft
                </button>
                {editor && rule ? (
                  <button
                    type="button"
                    className="link danger"
                    onClick={() => {
                      setRules((rs) => rs.filter((_, i) => i !== selected));
                      setSelected(0);
                      setDirty(true);
                    }}
                  >
                    Remove this rule
                  </button>
                ) : null}
              </form>
            ) : null}
            {save.isError ? <ErrorNotice error={save.error} what="Saving" /> : null}
          </section>
          <BacktestPanel name={s.name} version={s.version} unsaved={dirty} />
          {editor && s.status !== 'active' ? (
            <section className="card" aria-labelledby="activate-title">
              <h2 id="activate-title">Activate</h2>
              <p className="small">
                From activation on, every new declaration is scored with this version. The reason is kept in
                the audit log; rolling back is activating an older version.
              </p>
              <form
                className="save-bar"
                onSubmit={(e) => {
                  e.preventDefault();
                  activate.mutate();
                }}
              >
                <Field
                  label="Reason"
                  grow
                  name="activateReason"
                  value={activateReason}
                  onChange={(e) => setActivateReason(e.target.value)}
                  minLength={3}
                  required
                />
                <button
                  type="submit"
                  className="primary"
                  disabled={activate.isPending || activateReason.trim().length < 3 || dirty}
                >
                  Activate v{s.version}
                </button>
              </form>
              {dirty ? <p className="muted small">Save or discard your edits first.</p> : null}
              {activate.isError ? <ErrorNotice error={activate.error} what="Activation" /> : null}
            </section>
          ) : null}
        </div>
      </div>
    </>
  );
}
