import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { RULE_CATEGORIES, type RuleProblem, type RuleSource, type ValidateAnswer } from '../api/types.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import { ErrorNotice } from './notices.tsx';

/**
 * The condition line a problem is on, with a caret under its column, as a
 * compiler would show it: `declaration.customsValu > 30000` / `            ^`.
 */
export function caretLines(condition: string, p: Pick<RuleProblem, 'line' | 'column'>): string | null {
  if (p.line === undefined) return null;
  const text = condition.split('\n')[p.line - 1];
  if (text === undefined) return null;
  return `${text}\n${' '.repeat(Math.max(0, (p.column ?? 1) - 1))}^`;
}

/** Where a problem is, for the line under the field. */
export function problemPlace(p: RuleProblem): string {
  if (p.line !== undefined) return `line ${p.line}, column ${p.column ?? 1}`;
  return p.field ?? '';
}

/**
 * One rule, field by field, checked by the server as the analyst types
 * (POST /api/rules/validate, after a pause): the same parser and type
 * checker that will compile it, so what passes here compiles on save.
 */
export function RuleEditor({
  rule,
  onChange,
  readOnly,
  listVersions,
}: {
  rule: RuleSource;
  onChange: (r: RuleSource) => void;
  readOnly: boolean;
  listVersions: Record<string, number>;
}) {
  const settled = useDebounced(rule, 400);
  const check = useQuery({
    queryKey: ['rule-validate', settled, listVersions],
    queryFn: ({ signal }) =>
      api<ValidateAnswer>('/api/rules/validate', {
        method: 'POST',
        body: { rules: [settled], listVersions },
        signal,
      }),
    enabled: !readOnly,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: (prev) => prev,
  });
  const problems = check.data?.problems ?? [];
  const on = (field: string) =>
    problems.filter((p) =>
      field === 'condition' ? p.line !== undefined || p.field === 'condition' : p.field === field,
    );
  const general = problems.filter(
    (p) =>
      p.line === undefined &&
      (!p.field ||
        !['id', 'title', 'description', 'category', 'points', 'condition', 'validFrom', 'validTo'].includes(
          p.field,
        )),
  );
  const say = (field: string) =>
    on(field).map((p) => {
      const caret = field === 'condition' ? caretLines(settled.condition, p) : null;
      return (
        <span key={`${p.code}:${p.line}:${p.column}:${p.message}`} className="field-error" role="alert">
          {field === 'condition' ? `${problemPlace(p)}: ` : ''}
          {p.message}
          {caret ? <pre className="caret">{caret}</pre> : null}
        </span>
      );
    });
  const set = (patch: Partial<RuleSource>) => onChange({ ...rule, ...patch });

  return (
    <div className="stack rule-editor" data-testid="rule-editor">
      <div className="row">
        <label className="grow">
          Id
          <input
            className="mono"
            value={rule.id}
            readOnly={readOnly}
            onChange={(e) => set({ id: e.target.value })}
          />
          {say('id')}
        </label>
        <label>
          Category
          <select
            value={rule.category}
            disabled={readOnly}
            onChange={(e) => set({ category: e.target.value })}
          >
            {RULE_CATEGORIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
          {say('category')}
        </label>
        <label>
          Points
          <input
            type="number"
            step="any"
            value={rule.points}
            readOnly={readOnly}
            onChange={(e) => set({ points: Number(e.target.value) })}
            size={6}
          />
          {say('points')}
        </label>
      </div>
      <label>
        Title
        <input value={rule.title} readOnly={readOnly} onChange={(e) => set({ title: e.target.value })} />
        {say('title')}
      </label>
      <label>
        Description (shown to officers)
        <textarea
          rows={2}
          value={rule.description}
          readOnly={readOnly}
          onChange={(e) => set({ description: e.target.value })}
        />
        {say('description')}
      </label>
      <div className="row">
        <label>
          Valid from
          <input
            type="date"
            value={rule.validFrom?.slice(0, 10) ?? ''}
            readOnly={readOnly}
            onChange={(e) => set({ validFrom: e.target.value || undefined })}
          />
          {say('validFrom')}
        </label>
        <label>
          Valid to
          <input
            type="date"
            value={rule.validTo?.slice(0, 10) ?? ''}
            readOnly={readOnly}
            onChange={(e) => set({ validTo: e.target.value || undefined })}
          />
          {say('validTo')}
        </label>
      </div>
      <label>
        Condition
        <textarea
          className={`mono condition${on('condition').length ? ' invalid' : ''}`}
          rows={Math.max(4, rule.condition.split('\n').length + 1)}
          spellCheck={false}
          value={rule.condition}
          readOnly={readOnly}
          onChange={(e) => set({ condition: e.target.value })}
          aria-invalid={on('condition').length > 0}
        />
        {say('condition')}
      </label>
      {general.map((p) => (
        <span key={`${p.code}:${p.message}`} className="field-error" role="alert">
          {p.message}
        </span>
      ))}
      {readOnly ? null : check.isError ? (
        <ErrorNotice error={check.error} what="Checking the rule" />
      ) : (
        <div
          className={`check ${check.data?.ok ? 'ok' : problems.length ? 'bad' : ''}`}
          aria-live="polite"
          data-testid="rule-check"
        >
          {check.isFetching
            ? 'checking…'
            : check.data?.ok
              ? '✓ the rule compiles'
              : problems.length
                ? `${problems.length} problem${problems.length > 1 ? 's' : ''}`
                : ''}
        </div>
      )}
    </div>
  );
}
