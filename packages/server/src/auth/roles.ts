import { USER_ROLES, type UserRole } from '@sieve/store';

/**
 * Who can call the API: the six roles people hold, plus `system` for the API
 * tokens other systems feed Sieve with (intake only).
 */
export const ROLES = [...USER_ROLES, 'system'] as const;
export type Role = (typeof ROLES)[number];
export type { UserRole };
export { USER_ROLES };

/** What a role is for, in the words of the role table (docs/api.md, /docs). */
export const ROLE_PURPOSE: Readonly<Record<Role, string>> = Object.freeze({
  administrator: 'accounts, API tokens, settings, intake; reads everything',
  risk_analyst: 'rules and rulesets, reference lists, watchlists, models',
  targeting_officer: 'the referral queue and decisions',
  inspector: 'their own inspections and results',
  supervisor: 'reads everything, and the audit log; changes nothing',
  trader: 'the status of their own declarations (and risk level where enabled)',
  system: 'API token of a feeding system: intake only',
});

/** The caller of a request, once authenticated. */
export type Principal =
  | {
      kind: 'user';
      id: string;
      displayName: string;
      role: UserRole;
      partyId: string | null;
      /** Digest of the session token, to log out. */
      sessionSha256: string;
    }
  | { kind: 'token'; id: string; displayName: string; role: 'system'; tokenId: number };
