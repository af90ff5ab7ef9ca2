import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { can, RULE_EDITORS } from '../auth/navigation.ts';
import { useMe } from '../auth/session.tsx';
import { Empty, ErrorNotice, Loading, PageHeader } from '../components/notices.tsx';
import { QueryView } from '../components/query-view.tsx';
import { useUrlFilters } from '../lib/use-url-filters.ts';

/** server: ReferenceListVersion */
interface ListVersion {
  name: string;
  version: number;
  type: string;
  description: string | null;
  entryCount: number;
  createdAt: string;
  createdBy: string;
}

/** server: ReferenceList */
interface ReferenceList {
  name: string;
  type: string;
  version?: number;
  description?: string;
  entries: { value: string; reason?: string }[];
}

/** Entries as analysts type them: one a line, `value` or `value — reason`. */
export function entriesToText(entries: ReferenceList['entries']): string {
  return entries.map((e) => (e.reason ? `${e.value} — ${e.reason}` : e.value)).join('\n');
}

export function textToEntries(text: string): ReferenceList['entries'] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^(.*?)\s+[—–-]\s+(.+)$/.exec(line);
      return m ? { value: m[1]!.trim(), reason: m[2]!.trim() } : { value: line };
    });
}

/**
 * Reference lists the rules use (source countries, cover loads, weak
 * ports). A version never changes: saving edits makes the next version,
 * which new ruleset drafts then use.
 */
export function ListsPage() {
  const me = useMe();
  const { values: f, setMany } = useUrlFilters(['list', 'version'] as const);
  const lists = useQuery({
    queryKey: ['lists'],
    queryFn: ({ signal }) => api<ListVersion[]>('/api/lists', { signal }),
  });
  const latest = new Map<string, ListVersion>();
  for (const l of lists.data ?? [])
    if (!latest.has(l.name) || latest.get(l.name)!.version < l.version) latest.set(l.name, l);
  return (
    <>
      <PageHeader title="Reference lists" />
      <div className="columns">
        <div className="side-col narrow-col">
          <section className="card">
            <QueryView
              query={lists}
              what="Reference lists"
              isEmpty={() => latest.size === 0}
              empty="No list yet."
            >
              {() => (
                <ul className="rule-list" data-testid="lists">
                  {[...latest.values()].map((l) => (
                    <li key={l.name}>
                      <button
                        type="button"
                        className={f.list === l.name ? 'chosen' : ''}
                        onClick={() => setMany({ list: l.name, version: String(l.version) })}
                      >
                        <span className="mono">{l.name}</span>
                        <span className="muted small">
                          v{l.version} · {l.type} · {l.entryCount} entries
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </QueryView>
          </section>
        </div>
        <div className="main-col">
          {f.list && f.version ? (
            <ListEditor
              key={`${f.list}@${f.version}`}
              name={f.list}
              version={Number(f.version)}
              editor={can(me.role, RULE_EDITORS)}
              onSaved={(v) => setMany({ version: String(v) })}
            />
          ) : (
            <Empty>Choose a list.</Empty>
          )}
        </div>
      </div>
    </>
  );
}

function ListEditor({
  name,
  version,
  editor,
  onSaved,
}: {
  name: string;
  version: number;
  editor: boolean;
  onSaved: (version: number) => void;
}) {
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['list', name, version],
    queryFn: ({ signal }) =>
      api<ReferenceList>(`/api/lists/${encodeURIComponent(name)}/versions/${version}`, { signal }),
  });
  const [text, setText] = useState('');
  useEffect(() => {
    if (list.data) setText(entriesToText(list.data.entries));
  }, [list.data]);
  const save = useMutation({
    mutationFn: () =>
      api<ReferenceList[]>('/api/lists', {
        method: 'POST',
        body: {
          lists: [
            {
              name,
              type: list.data?.type,
              ...(list.data?.description ? { description: list.data.description } : {}),
              entries: textToEntries(text),
            },
          ],
        },
      }),
    onSuccess: (saved) => {
      client.invalidateQueries({ queryKey: ['lists'] });
      const v = saved[0]?.version;
      if (v) onSaved(v);
    },
  });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorNotice error={list.error} what={`List ${name}`} />;
  const changed = text.trim() !== entriesToText(list.data.entries).trim();
  return (
    <section className="card">
      <h2>
        <span className="mono">{name}</span> v{version} <span className="muted small">{list.data.type}</span>
      </h2>
      {list.data.description ? <p className="small">{list.data.description}</p> : null}
      <label>
        Entries, one a line (value — reason)
        <textarea
          className="mono"
          rows={Math.min(24, Math.max(6, list.data.entries.length + 2))}
          value={text}
          readOnly={!editor}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      {editor ? (
        <div className="save-bar">
          <button
            type="button"
            className="primary"
            disabled={!changed || save.isPending}
            onClick={() => save.mutate()}
          >
            Save as v{version + 1}
          </button>
          <span className="muted small">
            Rulesets keep the version they were checked against; a new draft picks this one up.
          </span>
        </div>
      ) : null}
      {save.isError ? <ErrorNotice error={save.error} what="Saving the list" /> : null}
    </section>
  );
}
