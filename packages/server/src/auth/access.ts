import type { Role } from './roles.ts';

/** Who may call an endpoint: nobody needs to log in (`public`), or these roles. */
export type Access = 'public' | readonly Role[];

const PEOPLE = [
  'administrator',
  'risk_analyst',
  'targeting_officer',
  'inspector',
  'supervisor',
  'trader',
] as const;
/** Staff who read declarations and everything about them. */
const READERS = ['administrator', 'risk_analyst', 'targeting_officer', 'supervisor'] as const;
const ADMIN = ['administrator'] as const;
const OVERSIGHT = ['administrator', 'supervisor'] as const;
const INTAKE = ['administrator', 'system'] as const;
/** Rules, lists, watchlists and models are changed by risk analysts only... */
const ANALYSTS = ['risk_analyst'] as const;
/** ...but an administrator may also bring in a new publication of a watchlist, and set its policy. */
const WATCHLIST_CHANGE = ['administrator', 'risk_analyst'] as const;

/**
 * Every endpoint and the roles that reach it: the whole role matrix in one
 * place. The server refuses to start with a route missing from this table,
 * and test/role-matrix.test.ts proves each role reaches what is listed and
 * nothing else. Row-level limits (a trader's own declarations, an inspector's
 * own results) are in the services, and tested there.
 *
 * Keys are `METHOD /url` as registered with Fastify.
 */
export const ACCESS = {
  'GET /health': 'public',
  'GET /metrics': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': PEOPLE,
  'GET /api/auth/me': [...PEOPLE, 'system'],
  'POST /api/auth/password': PEOPLE,

  'GET /api/users': ADMIN,
  'POST /api/users': ADMIN,
  'GET /api/users/:id': ADMIN,
  'PATCH /api/users/:id': ADMIN,
  'POST /api/users/:id/password': ADMIN,
  'POST /api/users/:id/unlock': ADMIN,
  'GET /api/tokens': ADMIN,
  'POST /api/tokens': ADMIN,
  'DELETE /api/tokens/:id': ADMIN,
  'GET /api/settings': OVERSIGHT,
  'PATCH /api/settings': ADMIN,

  'GET /api/audit': OVERSIGHT,
  'GET /api/audit/export': OVERSIGHT,

  'POST /api/intake': INTAKE,
  'POST /api/intake/batch': INTAKE,
  'GET /api/intake/runs': [...OVERSIGHT, 'system'],
  'GET /api/intake/runs/:id': [...OVERSIGHT, 'system'],
  'GET /api/intake/runs/:id/quarantine': [...OVERSIGHT, 'system'],

  'GET /api/declarations': READERS,
  'GET /api/declarations/:id': [...READERS, 'inspector'],
  'GET /api/declarations/:id/inspections': [...READERS, 'inspector'],
  'POST /api/assessments': INTAKE,
  'GET /api/queue': READERS,
  'GET /api/declarations/:id/assessment': READERS,
  'GET /api/declarations/:id/decisions': [...READERS, 'inspector'],
  'POST /api/declarations/:id/decisions': ['targeting_officer'],
  'GET /api/inspections/assigned': ['inspector'],

  'GET /api/rulesets': READERS,
  'GET /api/rulesets/:name/versions/:version': READERS,
  'POST /api/rulesets/:name/versions': ANALYSTS,
  'POST /api/rulesets/:name/versions/:version/activate': ANALYSTS,
  'POST /api/rulesets/:name/versions/:version/backtest': ANALYSTS,
  'POST /api/rules/validate': ANALYSTS,
  'GET /api/lists': READERS,
  'GET /api/lists/:name/versions/:version': READERS,
  'POST /api/lists': ANALYSTS,

  'GET /api/watchlists': READERS,
  'POST /api/watchlists/import': WATCHLIST_CHANGE,
  'GET /api/watchlists/search': READERS,
  'GET /api/watchlists/:list/entries/:id': READERS,
  'GET /api/watchlists/:listId/policy': READERS,
  'PUT /api/watchlists/:listId/policy': WATCHLIST_CHANGE,
  'GET /api/dashboard': READERS,
  'GET /api/models': READERS,
  'POST /api/models/:id/activate': ANALYSTS,

  'GET /api/inspections': [...READERS, 'inspector'],
  'GET /api/inspections/:id': [...READERS, 'inspector'],
  'POST /api/inspections': ['administrator', 'inspector'],

  'GET /api/trader/declarations': ['trader'],
  'GET /api/trader/declarations/:id': ['trader'],
} as const satisfies Record<string, Access>;

export type RouteKey = keyof typeof ACCESS;

/** The OpenAPI documentation (/docs, /docs/json and the UI's files): anyone logged in. */
export const DOCS_ACCESS: Access = [...PEOPLE, 'system'];

/**
 * The workbench's files, when the server serves them (`webRoot`): public, as
 * the login page is one of them. They hold no data: every figure on the
 * pages comes from the API, which checks the caller. An API path that falls
 * through to this wildcard is still authenticated (see the auth plugin).
 */
export const WEB_ACCESS = { 'GET /*': 'public' } as const satisfies Record<string, Access>;

/** The access of a registered route, or undefined when the table forgot it. */
export function accessOf(method: string, url: string): Access | undefined {
  if (url === '/docs' || url.startsWith('/docs/')) return DOCS_ACCESS;
  if (`${method} ${url}` in WEB_ACCESS) return WEB_ACCESS[`${method} ${url}` as keyof typeof WEB_ACCESS];
  return (ACCESS as Record<string, Access>)[`${method} ${url}`];
}
