import type { UserRole } from '../api/types.ts';

/** A page of the workbench and the roles that may use it. */
export interface NavItem {
  path: string;
  label: string;
  roles: readonly UserRole[];
}

/**
 * Who sees which page. It follows the server's role table
 * (packages/server/src/auth/access.ts): a page is shown to a role only if the
 * endpoints it reads let that role in, so nobody is offered a page that
 * would answer 403. The server enforces it regardless.
 */
export const NAV: readonly NavItem[] = [
  {
    path: '/queue',
    label: 'Referral queue',
    roles: ['targeting_officer', 'risk_analyst', 'supervisor', 'administrator'],
  },
  {
    path: '/declarations',
    label: 'Declarations',
    roles: ['targeting_officer', 'risk_analyst', 'supervisor', 'administrator'],
  },
  { path: '/inspections', label: 'My inspections', roles: ['inspector'] },
  { path: '/rules', label: 'Rules', roles: ['risk_analyst', 'supervisor', 'administrator'] },
  { path: '/lists', label: 'Lists', roles: ['risk_analyst', 'supervisor', 'administrator'] },
  { path: '/models', label: 'Models', roles: ['risk_analyst', 'supervisor', 'administrator'] },
  {
    path: '/watchlists',
    label: 'Watchlists',
    roles: ['risk_analyst', 'targeting_officer', 'supervisor', 'administrator'],
  },
  {
    path: '/dashboard',
    label: 'Dashboard',
    roles: ['risk_analyst', 'targeting_officer', 'supervisor', 'administrator'],
  },
  { path: '/audit', label: 'Audit log', roles: ['supervisor', 'administrator'] },
  { path: '/intake', label: 'Intake', roles: ['supervisor', 'administrator'] },
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
