import { ENTRY_KINDS } from '@sieve/core/watchlist';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authedContextOf } from '../plugins/auth.plugin.ts';
import { authErrors, errorSchema, limitSchema } from '../schemas/common.ts';
import type { RouteOptions } from './route-options.ts';

const hitSchema = z
  .looseObject({
    entryId: z.string(),
    list: z.string(),
    listVersion: z.string(),
    kind: z.enum(ENTRY_KINDS),
    name: z.string().describe("the entry's primary name"),
    matchedName: z.looseObject({ name: z.string() }).describe('the name or alias that matched best'),
    score: z.number(),
    nameScore: z.number(),
    threshold: z.number(),
    tokens: z.array(z.unknown()).describe('token by token: which words matched which, and how'),
    factors: z.array(z.unknown()),
    program: z.string().optional(),
    reason: z.string().optional(),
  })
  .meta({ id: 'WatchlistHit' });

/** Watchlist search and entries (audited views of personal data). */
export const watchlistsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    '/api/watchlists/search',
    {
      schema: {
        tags: ['watchlists'],
        summary: 'Screen a name against the active watchlists (audited with the entries shown)',
        querystring: z.object({
          q: z.string().trim().min(2).max(200),
          kind: z.enum(ENTRY_KINDS).optional(),
          country: z.string().max(60).optional().describe('ISO 3166 code or country name'),
          limit: limitSchema(100, 25),
        }),
        response: {
          200: z.object({ query: z.string(), hits: z.array(hitSchema) }),
          400: errorSchema,
          409: errorSchema.describe('no active watchlist (SIEVE_ERR_NO_WATCHLIST)'),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const r = await services.watchlists.search(authedContextOf(request), request.query);
      // ScreeningHit is the schema's shape with readonly arrays.
      return { query: r.query, hits: r.hits as unknown as z.infer<typeof hitSchema>[] };
    },
  );

  app.get(
    '/api/watchlists/:list/entries/:id',
    {
      schema: {
        tags: ['watchlists'],
        summary: 'One entry of an active watchlist, with its names, aliases and identifiers (audited)',
        params: z.object({ list: z.string().min(1).max(100), id: z.string().min(1).max(200) }),
        response: {
          200: z.object({ list: z.string(), version: z.string(), entry: z.record(z.string(), z.unknown()) }),
          404: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request) => {
      const r = await services.watchlists.entry(
        authedContextOf(request),
        request.params.list,
        request.params.id,
      );
      return { ...r, entry: r.entry as unknown as Record<string, unknown> };
    },
  );
};
