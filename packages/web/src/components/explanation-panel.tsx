import type { AssessmentView } from '../api/types.ts';
import { capNote, firingValues, reasonBars, rulesByWeight, sourceShares } from '../lib/explanation.ts';
import { categoryName, formatPercent, signedPoints } from '../lib/format.ts';
import { MatchedName } from './match-details.tsx';
import { LaneBadge } from './notices.tsx';

/**
 * Why the declaration was flagged, in the order an officer needs it: the
 * lane and what decided it, the rules that fired with their points and the
 * values that made them fire, the watchlist hits with the alias that
 * matched, and what the model saw, in words.
 */
export function ExplanationPanel({ view }: { view: AssessmentView }) {
  const a = view.assessment;
  const shares = a.ensemble ? sourceShares(a.ensemble.parts) : [];
  const caps = a.categories.map(capNote).filter((n): n is string => n !== null);
  return (
    <section className="card explanation" aria-labelledby="why-title" data-testid="explanation">
      <h2 id="why-title">Why it was flagged</h2>
      <div className="verdict">
        <LaneBadge lane={a.lane} />
        <div>
          <div className="verdict-reason">{a.laneReasons.join('; ')}</div>
          <div className="muted small">
            {a.points} points
            {a.ensemble ? ` · combined risk ${a.ensemble.score.toFixed(2)}` : ''}
            {a.riskLane !== a.lane ? ` · risk alone gave ${a.riskLane}` : ''} · policy “{a.selectionPolicy}”
          </div>
        </div>
      </div>
      {a.random.drawn ? (
        <p className="notice notice-info">
          Selected <strong>at random</strong> (draw {a.random.draw.toFixed(4)} under the{' '}
          {formatPercent(a.random.rate, 2)} random rate). Random checks measure compliance without bias:
          inspect it as thoroughly as a risk referral.
        </p>
      ) : null}
      {a.capacity ? (
        <p className="notice notice-info">
          Moved from {a.capacity.from} to {a.lane}: the {a.capacity.from} lane holds {a.capacity.capacity} a
          day at {a.office}, and this declaration ranked {a.capacity.rank} on {a.capacity.day}.
        </p>
      ) : null}
      {shares.length > 0 ? (
        <div className="shares" role="img" aria-label="What the risk is made of">
          {shares.map((s) => (
            <div
              key={s.source}
              className={`share share-${s.source}`}
              style={{ flexGrow: s.share }}
              title={`${s.label}: risk ${s.risk.toFixed(2)}`}
            >
              {s.label} {formatPercent(s.share, 0)}
            </div>
          ))}
        </div>
      ) : null}

      <h3>Rules that fired ({a.rules.length})</h3>
      {a.rules.length === 0 ? (
        <p className="muted">No rule fired.</p>
      ) : (
        <ol className="rules-fired">
          {rulesByWeight(a).map((r) => (
            <li key={r.ruleId} data-rule={r.ruleId}>
              <div className="rule-head">
                <span className="points">{signedPoints(r.points)}</span>
                <span className="mono">{r.ruleId}</span>
                <strong>{r.title}</strong>
                <span className={`tag cat-${r.category}`}>{categoryName(r.category)}</span>
              </div>
              <div className="muted small">{r.description}</div>
              {firingValues(r).length > 0 ? (
                <dl className="values">
                  {firingValues(r).map((v) => (
                    <div key={v.expr}>
                      <dt className="mono">{v.expr}</dt>
                      <dd className="mono">{v.value}</dd>
                    </div>
                  ))}
                </dl>
              ) : null}
              {r.evidence.map((e) => (
                <div key={`${e.test}:${e.text}`} className="evidence small">
                  {e.text}
                  {e.listEntry?.reason && !e.text.includes(e.listEntry.reason) ? (
                    <span className="muted"> — {e.listEntry.reason}</span>
                  ) : null}
                </div>
              ))}
            </li>
          ))}
        </ol>
      )}
      {caps.map((c) => (
        <p key={c} className="muted small">
          {c}
        </p>
      ))}
      {a.lookouts.length > 0 ? (
        <>
          <h3>Commodity lookouts</h3>
          <ul className="plain">
            {a.lookouts.map((l) => (
              <li key={`${l.lookout}:${l.entry}:${l.hsCode}`}>
                <strong>{l.title}</strong>: HS {l.hsCode} matches {l.entry}
                {l.reason ? <span className="muted"> — {l.reason}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h3>Watchlist</h3>
      {view.watchlistHits.length === 0 && !(a.watchlist?.findings.length ?? 0) ? (
        <p className="muted">
          {a.watchlist
            ? `No party of the declaration matched a watchlist (${a.watchlist.screened} names screened).`
            : 'No watchlist was active when this declaration was assessed: its parties were not screened.'}
        </p>
      ) : (
        <table className="table compact" data-testid="watchlist-hits">
          <thead>
            <tr>
              <th>Party</th>
              <th>Matched name (alias)</th>
              <th>Listed as</th>
              <th>List</th>
              <th className="num">Match</th>
            </tr>
          </thead>
          <tbody>
            {view.watchlistHits.map((h) => (
              <tr key={`${h.entryId}:${h.path ?? ''}`}>
                <td>
                  {h.role ?? ''} {h.queryName ? <span className="muted">“{h.queryName}”</span> : null}
                </td>
                <td>
                  <MatchedName hit={h} strong />
                </td>
                <td>
                  {h.name}
                  {h.reason ? <div className="muted small">{h.reason}</div> : null}
                </td>
                <td className="nowrap">
                  {h.list} {h.program ? <span className="muted">{h.program}</span> : null}
                </td>
                <td className="num">{formatPercent(h.score, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.watchlistHits.length === 0
        ? a.watchlist?.findings.map((f) => (
            <p key={f} className="small">
              {f}
            </p>
          ))
        : null}

      <h3>Predictive model</h3>
      {view.model ? (
        <>
          <p className="small">
            Probability of a finding <strong>{formatPercent(view.model.probability)}</strong>, against{' '}
            {formatPercent(view.model.baseProbability)} for an average declaration{' '}
            <span className="muted">(model {view.model.version})</span>.
          </p>
          {view.model.reasonsOmitted ? (
            <p className="muted small">Reasons are worked out for declarations sent to control.</p>
          ) : null}
          <ul className="model-reasons">
            {reasonBars(view.model.reasons).map((r) => (
              <li key={r.subject} className={r.direction}>
                <span
                  className="bar"
                  style={{ width: `${Math.max(4, r.width * 100)}%` }}
                  aria-hidden="true"
                />
                <span className="dir">{r.direction === 'raises' ? '▲ raises' : '▼ lowers'}</span> {r.text}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">No model was active when this declaration was assessed.</p>
      )}
    </section>
  );
}
