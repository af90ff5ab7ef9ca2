import type { ReactNode } from 'react';
import { ApiError, isMissingEndpoint } from '../api/client.ts';

/**
 * What went wrong, in words: a server that lacks the endpoint says so (with
 * the endpoint, so an administrator knows what to upgrade), a refusal names
 * the code, anything else gives the request id to quote to support.
 */
export function ErrorNotice({ error, what }: { error: unknown; what?: string }) {
  if (isMissingEndpoint(error)) {
    return (
      <div className="notice notice-missing" role="status" data-missing-endpoint={error.endpoint}>
        <strong>Not available on this server yet.</strong> {what ? `${what}: ` : ''}the server has no{' '}
        <code>{error.endpoint}</code> endpoint. See docs/web.md for what the workbench expects.
      </div>
    );
  }
  if (error instanceof ApiError) {
    return (
      <div className="notice notice-error" role="alert">
        <strong>{what ? `${what} failed` : 'That did not work'}:</strong> {error.message}{' '}
        <span className="muted">
          ({error.code}
          {error.requestId ? `, request ${error.requestId}` : ''})
        </span>
      </div>
    );
  }
  return (
    <div className="notice notice-error" role="alert">
      <strong>{what ? `${what} failed` : 'That did not work'}:</strong>{' '}
      {error instanceof Error ? error.message : String(error)}
    </div>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <div className="loading" aria-busy="true">
      {what}…
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function LaneBadge({ lane, title }: { lane: string; title?: string }) {
  return (
    <span className={`lane lane-${lane}`} title={title}>
      {lane}
    </span>
  );
}

/** A bar from 0 to 1, for scores in dense tables. */
export function ScoreBar({ score }: { score: number }) {
  const pct = Math.max(0, Math.min(1, score)) * 100;
  const tone = score >= 0.8 ? 'high' : score >= 0.5 ? 'mid' : 'low';
  return (
    <span className="score" title={`risk ${score.toFixed(2)}`}>
      <span className="score-value">{score.toFixed(2)}</span>
      <span className="score-track">
        <span className={`score-fill score-${tone}`} style={{ width: `${pct}%` }} />
      </span>
    </span>
  );
}

export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {children ? <div className="page-actions">{children}</div> : null}
    </div>
  );
}
