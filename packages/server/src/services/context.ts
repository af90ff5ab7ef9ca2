import type { Principal } from '../auth/roles.ts';

/** Who is asking and from where: what every service call that audits needs. */
export interface RequestContext {
  /** null on the few public endpoints (login). */
  readonly principal: Principal | null;
  /** Client address (X-Forwarded-For only when SIEVE_TRUST_PROXY is set). */
  readonly ip: string;
  readonly userAgent: string | null;
  /** Correlates the audit entry with the request's log lines. */
  readonly requestId: string;
}

/** The context of an authenticated request. */
export type AuthedContext = RequestContext & { readonly principal: Principal };

/** A context for what the server does on its own behalf (start-up, bootstrap). */
export function localContext(actor: string): AuthedContext {
  return {
    principal: { kind: 'token', id: actor, displayName: actor, role: 'system', tokenId: 0 },
    ip: 'local',
    userAgent: null,
    requestId: 'local',
  };
}
