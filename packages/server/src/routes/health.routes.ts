import type { Store } from '@sieve/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  version: z.string(),
  store: z.object({ ok: z.boolean(), kind: z.string(), latencyMs: z.number() }),
  uptimeSeconds: z.number(),
});

/** GET /health: for load balancers and people; says whether the database answers. No login. */
export const healthRoutes: FastifyPluginAsyncZod<{ store: Store; version: string }> = async (app, opts) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Is the server up and does the database answer?',
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      const started = performance.now();
      let ok = true;
      try {
        await opts.store.sql.query('SELECT 1');
      } catch {
        ok = false;
      }
      const body = {
        status: ok ? ('ok' as const) : ('unavailable' as const),
        version: opts.version,
        store: {
          ok,
          kind: opts.store.sql.kind,
          latencyMs: Math.round((performance.now() - started) * 100) / 100,
        },
        uptimeSeconds: Math.round(process.uptime()),
      };
      return reply.code(ok ? 200 : 503).send(body);
    },
  );
};
