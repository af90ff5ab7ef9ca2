import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.ts';
import type { AssessmentView, Declaration, DeclarationView, InspectionResult, Party } from '../api/types.ts';
import { can, DECIDERS, INSPECTORS } from '../auth/navigation.ts';
import { useMe } from '../auth/session.tsx';
import { DataTable, num } from '../components/data-table.tsx';
import { DecisionPanel } from '../components/decision-panel.tsx';
import { ExplanationPanel } from '../components/explanation-panel.tsx';
import { ErrorNotice, LaneBadge, Loading, PageHeader } from '../components/notices.tsx';
import { QueryView } from '../components/query-view.tsx';
import { describeFinding } from '../lib/findings.ts';
import { formatDateTime, formatMoney } from '../lib/format.ts';

/**
 * One declaration: why the risk engine flagged it (left), the decision
 * (right), then what was declared and what inspections found. Opening it is
 * recorded in the audit log by the server.
 */
export function DeclarationPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const base = `/api/declarations/${encodeURIComponent(id)}`;
  const view = useQuery({
    queryKey: ['declaration', id],
    queryFn: ({ signal }) => api<DeclarationView>(base, { signal }),
  });
  const assessment = useQuery({
    queryKey: ['assessment', id],
    queryFn: ({ signal }) => api<AssessmentView>(`${base}/assessment`, { signal }),
    enabled: me.role !== 'inspector',
  });

  if (view.isPending) return <Loading what="Opening the declaration" />;
  if (view.isError) return <ErrorNotice error={view.error} what={`Declaration ${id}`} />;
  const d = view.data.declaration;
  return (
    <>
      <PageHeader
        title={
          <>
            Declaration <span className="mono">{d.id}</span>
            {view.data.versions.length > 1 ? (
              <span className="muted">
                {' '}
                v{d.version} of {Math.max(...view.data.versions)}
              </span>
            ) : null}{' '}
            {assessment.data ? <LaneBadge lane={assessment.data.assessment.lane} /> : null}
          </>
        }
      >
        {can(me.role, INSPECTORS) ? (
          <Link
            className="button"
            to={`/inspections/record?declaration=${encodeURIComponent(d.id)}&version=${d.version}`}
          >
            Record inspection result
          </Link>
        ) : null}
      </PageHeader>
      <div className="columns">
        <div className="main-col">
          {/* An inspector (on a phone) reads first the decision that sent them: its reason says what to look for. */}
          {me.role === 'inspector' ? (
            <DecisionPanel declarationId={d.id} version={d.version} canDecide={false} />
          ) : (
            <QueryView query={assessment} what="The assessment" loading="Reading the assessment">
              {(a) => <ExplanationPanel view={a} />}
            </QueryView>
          )}
          <DeclarationDetails d={d} />
        </div>
        <div className="side-col">
          {me.role === 'inspector' ? null : (
            <DecisionPanel declarationId={d.id} version={d.version} canDecide={can(me.role, DECIDERS)} />
          )}
          <Inspections results={view.data.inspections} />
        </div>
      </div>
    </>
  );
}

function partyLine(role: string, p: Party | undefined) {
  if (!p) return null;
  return (
    <div key={role}>
      <dt>{role}</dt>
      <dd>
        {p.name ?? '—'} <span className="muted mono">{p.id}</span>
        {p.country ? <span className="muted"> · {p.country}</span> : null}
      </dd>
    </div>
  );
}

function DeclarationDetails({ d }: { d: Declaration }) {
  return (
    <section className="card" aria-labelledby="declared-title">
      <h2 id="declared-title">What was declared</h2>
      <dl className="facts">
        <div>
          <dt>Office</dt>
          <dd>{d.office}</dd>
        </div>
        <div>
          <dt>Type, procedure</dt>
          <dd>
            {d.type} {d.procedure}
          </dd>
        </div>
        <div>
          <dt>Lodged</dt>
          <dd>{formatDateTime(d.lodgedAt)}</dd>
        </div>
        <div>
          <dt>Customs value</dt>
          <dd>{formatMoney(d.customsValue ?? d.invoiceAmount, d.currency)}</dd>
        </div>
        <div>
          <dt>Duties declared</dt>
          <dd>{formatMoney(d.dutiesDeclared, d.currency)}</dd>
        </div>
        <div>
          <dt>Dispatched from</dt>
          <dd>
            {d.dispatchCountry ?? '—'}{' '}
            {d.transportMode ? <span className="muted">mode {d.transportMode}</span> : null}
          </dd>
        </div>
        {d.transport ? (
          <div>
            <dt>Transport</dt>
            <dd>
              {[
                d.transport.meansName,
                d.transport.voyage,
                d.transport.portOfLoading && `from ${d.transport.portOfLoading}`,
                d.transport.portOfDischarge && `to ${d.transport.portOfDischarge}`,
              ]
                .filter(Boolean)
                .join(' · ') || '—'}
              {d.transport.containers?.length ? (
                <div className="muted small">
                  containers{' '}
                  {d.transport.containers.map((c) => `${c.id}${c.type ? ` (${c.type})` : ''}`).join(', ')}
                </div>
              ) : null}
            </dd>
          </div>
        ) : null}
        {partyLine('Declarant', d.declarant)}
        {partyLine('Importer', d.importer)}
        {partyLine('Exporter', d.exporter)}
        {partyLine('Seller', d.seller)}
        {partyLine('Consignee', d.consignee)}
        {partyLine('Carrier', d.carrier)}
      </dl>
      <DataTable
        compact
        columns={[num('#'), 'HS code', 'Description', 'Origin', num('Quantity'), num('Net kg'), num('Value')]}
      >
        {d.items.map((it) => (
          <tr key={it.sequence}>
            <td className="num">{it.sequence}</td>
            <td className="mono">{it.hsCode}</td>
            <td>{it.description ?? '—'}</td>
            <td>{it.origin ?? '—'}</td>
            <td className="num">
              {it.quantity !== undefined ? `${it.quantity.toLocaleString('en')} ${it.unit ?? ''}` : '—'}
            </td>
            <td className="num">{it.netMassKg?.toLocaleString('en') ?? '—'}</td>
            <td className="num nowrap">{formatMoney(it.value, d.currency)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function Inspections({ results }: { results: InspectionResult[] }) {
  return (
    <section className="card" aria-labelledby="inspections-title" data-testid="inspections">
      <h2 id="inspections-title">Inspections</h2>
      {results.length === 0 ? (
        <p className="muted">Not inspected.</p>
      ) : (
        <ul className="inspections">
          {results.map((r) => (
            <li key={r.id}>
              <div>
                <span className={r.outcome === 'finding' ? 'outcome finding' : 'outcome'}>
                  {r.outcome === 'finding' ? 'Finding' : 'No finding'}
                </span>{' '}
                {r.kind} by <strong>{r.inspector}</strong>, {formatDateTime(r.startedAt)}
              </div>
              <ul className="plain small">
                {r.findings.map((f, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: findings have no id and never reorder
                  <li key={i}>{describeFinding(f)}</li>
                ))}
              </ul>
              {r.narrative ? <div className="small muted">{r.narrative}</div> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
