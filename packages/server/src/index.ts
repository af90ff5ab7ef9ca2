/**
 * The Sieve HTTP API (Fastify): OpenAPI at /docs, authentication and roles,
 * the audit of every view and change, health and metrics.
 */
export { ACCESS, type Access, accessOf, DOCS_ACCESS, type RouteKey } from './auth/access.ts';
export { type Principal, ROLE_PURPOSE, ROLES, type Role, USER_ROLES } from './auth/roles.ts';
export { CONFIG_VARIABLES, ConfigError, loadConfig, type ServerConfig } from './config/config.ts';
export { ERRORS, type ErrorCode, SieveError } from './errors/index.ts';
export { SESSION_COOKIE } from './plugins/auth.plugin.ts';
export { type BuildServerOptions, buildServer, SERVER_VERSION, type SieveServer } from './server.ts';
export { ensureAdministrator } from './services/bootstrap.ts';
export { localContext, type Services } from './services/index.ts';
export type { QueueItem } from './services/referral.service.ts';
export type { BacktestAnswer } from './services/rules.service.ts';
export { PasswordHasher } from './services/secrets.ts';
export type { ImportSummary, PolicySettings, PolicyView } from './services/watchlist.service.ts';
