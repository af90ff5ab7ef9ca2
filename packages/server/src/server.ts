import { randomUUID } from 'node:crypto';
import type { Store } from '@sieve/store';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { loadConfig, type ServerConfig } from './config/config.ts';
import { authPlugin } from './plugins/auth.plugin.ts';
import { errorsPlugin } from './plugins/errors.plugin.ts';
import { metricsPlugin, ServerMetrics } from './plugins/metrics.plugin.ts';
import { openapiPlugin } from './plugins/openapi.plugin.ts';
import { webPlugin } from './plugins/web.plugin.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { dashboardRoutes } from './routes/dashboard.routes.ts';
import { declarationsRoutes } from './routes/declarations.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { inspectionsRoutes } from './routes/inspections.routes.ts';
import { intakeRoutes } from './routes/intake.routes.ts';
import { modelsRoutes } from './routes/models.routes.ts';
import { referralsRoutes } from './routes/referrals.routes.ts';
import { rulesRoutes } from './routes/rules.routes.ts';
import { usersRoutes } from './routes/users.routes.ts';
import { watchlistsRoutes } from './routes/watchlists.routes.ts';
import { createServices, type Services } from './services/index.ts';

export const SERVER_VERSION = '0.1.0';

export interface BuildServerOptions {
  /** The opened store; the caller owns it (and closes it after the server). */
  store: Store;
  /** Defaults to the environment's ({@link loadConfig}). */
  config?: ServerConfig;
  /** The workbench's build to serve from `/` (packages/web/dist); none: the API alone. */
  webRoot?: string;
  /** Fastify's logger option; default: pino at the configured level. `false` in tests. */
  logger?: FastifyServerOptions['logger'];
}

export type SieveServer = FastifyInstance & { readonly services: Services; readonly metrics: ServerMetrics };

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * The Sieve HTTP API as a Fastify instance, not yet listening: tests call
 * `app.inject()`, `sieve serve` calls `app.listen()`.
 *
 * @example
 * const app = buildServer({ store: await openStore({ dataDir: 'memory' }) });
 * const res = await app.inject({ method: 'GET', url: '/health' });
 */
export function buildServer(opts: BuildServerOptions): SieveServer {
  const config = opts.config ?? loadConfig();
  const app = Fastify({
    logger: opts.logger ?? {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // The caller's X-Request-Id is kept when it looks like one, so a client can follow its request through.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const metrics = new ServerMetrics();
  const services = createServices(opts.store, config, metrics);
  app.decorate('services', services);
  app.decorate('metrics', metrics);

  app.addHook('onClose', async () => {
    await services.assessments.close();
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    // Answers carry personal and enforcement data: never kept by a browser or a proxy.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  app.register(errorsPlugin, { webApp: opts.webRoot !== undefined });
  app.register(authPlugin, { auth: services.auth, config });
  app.register(metricsPlugin, { metrics });
  app.register(openapiPlugin, { version: SERVER_VERSION });
  app.register(healthRoutes, { store: opts.store, version: SERVER_VERSION });
  const routeOptions = { services, config };
  app.register(authRoutes, routeOptions);
  app.register(usersRoutes, routeOptions);
  app.register(auditRoutes, routeOptions);
  app.register(intakeRoutes, routeOptions);
  app.register(declarationsRoutes, routeOptions);
  app.register(inspectionsRoutes, routeOptions);
  app.register(referralsRoutes, routeOptions);
  app.register(rulesRoutes, routeOptions);
  app.register(modelsRoutes, routeOptions);
  app.register(dashboardRoutes, routeOptions);
  app.register(watchlistsRoutes, routeOptions);
  if (opts.webRoot) app.register(webPlugin, { root: opts.webRoot });
  return app as unknown as SieveServer;
}
