import type { ImportSummary } from '@sieve/server';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import { DataTable, num } from './data-table.tsx';
import { Field, SelectField } from './form-fields.tsx';
import { ErrorNotice } from './notices.tsx';
import { QueryView } from './query-view.tsx';

type ListFormat = 'lookouts' | 'un' | 'ofac';

/** server: WatchlistVersion */
interface WatchlistVersion {
  listId: string;
  version: string;
  name: string;
  entryCount: number;
  importedAt: string;
  importedBy: string;
  active: boolean;
}

/** server: GET /api/watchlists */
interface WatchlistsAnswer {
  versions: WatchlistVersion[];
  policies: { list: string; threshold?: number; points?: number; lane?: 'red' | 'yellow' }[];
}

/** One problem of a file the server refused (details of SIEVE_ERR_VALIDATION). */
interface FileProblem {
  line?: number;
  column?: string;
  field?: string;
  value?: string;
  expected?: string;
}

const FORMATS: Record<ListFormat, { label: string; listId: string; accept: string }> = {
  lookouts: { label: 'Lookout CSV', listId: 'lookouts', accept: '.csv,text/csv' },
  un: { label: 'UN consolidated list (XML)', listId: 'un', accept: '.xml,application/xml,text/xml' },
  ofac: { label: 'OFAC SDN (sdn.csv, with alt.csv, add.csv)', listId: 'ofac-sdn', accept: '.csv,text/csv' },
};

/** OFAC's companion files, by file name. */
const FORMAT_CHOICES = (Object.keys(FORMATS) as ListFormat[]).map((f) => ({
  value: f,
  label: FORMATS[f].label,
}));

const OFAC_PARTS: Record<string, 'alt' | 'add' | 'comments'> = {
  'alt.csv': 'alt',
  'add.csv': 'add',
  'sdn_comments.csv': 'comments',
};

/** The body of POST /api/watchlists/import from the files chosen. */
export async function uploadBody(
  format: ListFormat,
  files: readonly File[],
): Promise<Record<string, string>> {
  const body: Record<string, string> = {};
  for (const file of files) {
    const part = format === 'ofac' ? OFAC_PARTS[file.name.toLowerCase()] : undefined;
    body[part ?? 'content'] = await file.text();
  }
  return body;
}

/**
 * The active watchlists with their policies, and for those who may import
 * (risk analysts, administrators) a form that sends a new publication of a
 * list; a refused file lists every problem by line and column.
 */
export function WatchlistImport({ importer }: { importer: boolean }) {
  const client = useQueryClient();
  const lists = useQuery({
    queryKey: ['watchlists'],
    queryFn: ({ signal }) => api<WatchlistsAnswer>('/api/watchlists', { signal }),
  });
  const [format, setFormat] = useState<ListFormat>('lookouts');
  const [listId, setListId] = useState('');
  const [version, setVersion] = useState('');
  const [reason, setReason] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const send = useMutation({
    mutationFn: async () =>
      api<ImportSummary>('/api/watchlists/import', {
        method: 'POST',
        body: {
          format,
          ...(await uploadBody(format, files)),
          listId: listId.trim() || FORMATS[format].listId,
          ...(version.trim() ? { version: version.trim() } : {}),
          reason: reason.trim(),
        },
      }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['watchlists'] });
      client.invalidateQueries({ queryKey: ['watchlist-search'] });
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    send.mutate();
  }

  return (
    <section className="card" aria-labelledby="watchlists-title" data-testid="watchlist-import">
      <h2 id="watchlists-title">Active watchlists</h2>
      <QueryView query={lists} what="The watchlists">
        {(answer) => <ActiveLists answer={answer} />}
      </QueryView>
      {importer ? (
        <form onSubmit={submit} aria-label="Import a watchlist">
          <div className="filters">
            <SelectField
              label="Format"
              value={format}
              onChange={(f) => setFormat(f as ListFormat)}
              choices={FORMAT_CHOICES}
            />
            <Field
              label="List"
              name="listId"
              value={listId}
              placeholder={FORMATS[format].listId}
              onChange={(e) => setListId(e.target.value)}
            />
            <Field
              label="Version"
              name="version"
              value={version}
              placeholder="default: date-digest"
              onChange={(e) => setVersion(e.target.value)}
            />
            <Field
              label={format === 'ofac' ? 'Files' : 'File'}
              grow
              type="file"
              name="file"
              accept={FORMATS[format].accept}
              multiple={format === 'ofac'}
              onChange={(e) => setFiles([...(e.target.files ?? [])])}
            />
          </div>
          <div className="save-bar">
            <Field
              label="Why (kept in the audit log)"
              grow
              name="reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <button
              type="submit"
              className="primary"
              disabled={files.length === 0 || reason.trim().length < 3 || send.isPending}
            >
              Import and activate
            </button>
          </div>
        </form>
      ) : null}
      {send.isSuccess ? (
        <div className="notice notice-ok" role="status">
          Imported {send.data.listId} version {send.data.version}:{' '}
          {count(send.data.entries, 'entry', 'entries')},{' '}
          {count(send.data.names, 'name or alias', 'names and aliases')},{' '}
          {count(send.data.identifiers, 'identifier', 'identifiers')}. It is the active version now.
        </div>
      ) : null}
      {send.isError ? <ImportError error={send.error} /> : null}
    </section>
  );
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function ActiveLists({ answer }: { answer: WatchlistsAnswer }) {
  const active = answer.versions.filter((v) => v.active);
  if (active.length === 0) return <p className="muted small">No watchlist is active yet.</p>;
  const policy = new Map(answer.policies.map((p) => [p.list, p]));
  return (
    <ul className="small" data-testid="active-watchlists">
      {active.map((v) => {
        const p = policy.get(v.listId);
        const effect = p
          ? [
              p.points ? `+${p.points} points` : '',
              p.lane ? `forces ${p.lane}` : '',
              p.threshold ? `threshold ${p.threshold}` : '',
            ]
              .filter(Boolean)
              .join(', ')
          : '';
        return (
          <li key={v.listId}>
            <strong>{v.name}</strong> <span className="mono">{v.listId}</span> version {v.version}:{' '}
            {count(v.entryCount, 'entry', 'entries')}, imported {v.importedAt.slice(0, 10)} by {v.importedBy}
            {effect ? <span className="muted"> · a hit {effect}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

function ImportError({ error }: { error: unknown }) {
  const problems =
    error instanceof ApiError && Array.isArray(error.details) ? (error.details as FileProblem[]) : [];
  const inFile = problems.filter((p) => p.line !== undefined || p.column !== undefined);
  return (
    <>
      <ErrorNotice error={error} what="The import" />
      {inFile.length > 0 ? (
        <DataTable testId="import-problems" columns={[num('Line'), 'Column', 'Found', 'Expected']}>
          {inFile.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity of their own
            <tr key={i}>
              <td className="num">{p.line ?? ''}</td>
              <td className="mono">{p.column}</td>
              <td className="mono">{p.value ?? ''}</td>
              <td className="small">{p.expected}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </>
  );
}
