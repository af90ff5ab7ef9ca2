import type { UserRole } from '../api/types.ts';

/** A page of the workbench and the roles that may use it. */
export interface NavItem {
  path: string;
  label: string;
  roles: readonly UserRole[];
}

// Role groups; READERS and OVERSIGHT are those of the server's access table, by the same names.
/** Staff who read declarations and everything about them. */
const READERS: readonly UserRole[] = ['targeting_officer', 'risk_analyst', 'supervisor', 'administrator'];
/** Who reads rules, lists and models (risk analysts change them). */
const RULE_READERS: readonly UserRole[] = ['risk_analyst', 'supervisor', 'administrator'];
const OVERSIGHT: readonly UserRole[] = ['supervisor', 'administrator'];

/**
 * Who sees which page. It follows the server's role table
 * (packages/server/src/auth/access.ts): a page is shown to a role only if the
 * endpoints it reads let that role in, so nobody is offered a page that
 * would answer 403. The server enforces it regardless.
 */
export const NAV: readonly NavItem[] = [
  { path: '/queue', label: 'Referral queue', roles: READERS },
  { path: '/declarations', label: 'Declarations', roles: READERS },
  { path: '/inspections', label: 'My inspections', roles: ['inspector'] },
  { path: '/rules', label: 'Rules', roles: RULE_READERS },
  { path: '/lists', label: 'Lists', roles: RULE_READERS },
  { path: '/models', label: 'Models', roles: RULE_READERS },
  { path: '/watchlists', label: 'Watchlists', roles: READERS },
  { path: '/dashboard', label: 'Dashboard', roles: READERS },
  { path: '/audit', label: 'Audit log', roles: OVERSIGHT },
  { path: '/intake', label: 'Intake', roles: OVERSIGHT },
  { path: '/accounts', label: 'Accounts', roles: ['administrator'] },
  { path: '/my-declarations', label: 'My declarations', roles: ['trader'] },
];

/** Roles that record decisions on referrals (the queue's actions). */
export const DECIDERS: readonly UserRole[] = ['targeting_officer'];
/** Roles that change rules and activate rulesets. */
export const RULE_EDITORS: readonly UserRole[] = ['risk_analyst'];
/** Roles that import a new version of a watchlist (POST /api/watchlists/import). */
export const WATCHLIST_IMPORTERS: readonly UserRole[] = ['risk_analyst', 'administrator'];
/** Roles that record inspection results. */
export const INSPECTORS: readonly UserRole[] = ['inspector', 'administrator'];

export function navFor(role: string): NavItem[] {
  return NAV.filter((n) => (n.roles as readonly string[]).includes(role));
}

export function mayUse(role: string, path: string): boolean {
  return navFor(role).some((n) => path === n.path || path.startsWith(`${n.path}/`));
}

/** Where a role lands after logging in: the first page it may use. */
export function homeFor(role: string): string {
  return navFor(role)[0]?.path ?? '/no-access';
}

export function can(role: string | undefined, who: readonly UserRole[]): boolean {
  return role !== undefined && (who as readonly string[]).includes(role);
}
