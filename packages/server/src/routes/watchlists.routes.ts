import { ENTRY_KINDS, LIST_FORMATS } from '@sieve/core/watchlist';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authedContextOf } from '../plugins/auth.plugin.ts';
import { authErrors, errorSchema, limitSchema, reasonSchema } from '../schemas/common.ts';
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

const fileText = (what: string) => z.string().describe(what);

const importBodySchema = z
  .object({
    format: z
      .enum(LIST_FORMATS)
      .describe('ofac (sdn.csv), un (the consolidated XML) or lookouts (CSV, docs/watchlist.md)'),
    content: fileText("the file's text: OFAC's sdn.csv, the UN XML or the lookout CSV").min(1),
    alt: fileText("OFAC's alt.csv (aliases)").optional(),
    add: fileText("OFAC's add.csv (addresses)").optional(),
    comments: fileText("OFAC's sdn_comments.csv").optional(),
    listId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, {
        message: 'expected up to 64 letters, digits, dots, dashes or underscores, such as "kr-lookouts"',
      })
      .optional()
      .describe('the list the file is a version of (default ofac-sdn, un or lookouts)'),
    version: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .optional()
      .describe("default: the UN list's own date, else today and 8 hex digits of the content's SHA-256"),
    name: z.string().trim().min(1).max(200).optional().describe('display name of a lookout list'),
    reason: reasonSchema,
  })
  .meta({ id: 'WatchlistImport' });

const versionSchema = z
  .object({
    listId: z.string(),
    version: z.string(),
    name: z.string(),
    source: z.string().nullable(),
    entryCount: z.number().int(),
    importedAt: z.string(),
    importedBy: z.string(),
    active: z.boolean(),
  })
  .meta({ id: 'WatchlistVersion' });

/** Watchlist versions, import (analysts), search and entries (audited views of personal data). */
export const watchlistsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services, config }) => {
  app.get(
    '/api/watchlists',
    {
      schema: {
        tags: ['watchlists'],
        summary: 'Stored watchlist versions (the active one of each list marked) and each list policy',
        response: {
          200: z.object({
            versions: z.array(versionSchema),
            policies: z.array(
              z.object({
                list: z.string(),
                threshold: z.number().optional(),
                points: z.number().optional(),
                lane: z.enum(['red', 'yellow']).optional(),
              }),
            ),
          }),
          ...authErrors,
        },
      },
    },
    async () => services.watchlists.lists(),
  );

  app.post(
    '/api/watchlists/import',
    {
      bodyLimit: config.bodyLimitBytes,
      schema: {
        tags: ['watchlists'],
        summary:
          'Import a list file as a new version of its list and activate it (audited as watchlist.import)',
        description:
          'A JSON body with the format and the file as text. Every problem in a lookout CSV is answered at once ' +
          '(400, SIEVE_ERR_VALIDATION), each detail naming the line, the column, the value found and what was expected. ' +
          'The body may be as large as SIEVE_BODY_LIMIT_MB.',
        body: importBodySchema,
        response: {
          201: z
            .object({
              listId: z.string(),
              version: z.string(),
              name: z.string(),
              entries: z.number().int(),
              names: z.number().int().describe('names and aliases'),
              identifiers: z.number().int(),
              byKind: z.record(z.string(), z.number().int()),
            })
            .meta({ id: 'WatchlistImported' }),
          400: errorSchema.describe(
            'the file cannot be read: details name line, column, value and what was expected',
          ),
          409: errorSchema.describe('this version is already stored (SIEVE_ERR_WATCHLIST_VERSION_EXISTS)'),
          413: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const summary = await services.watchlists.import(authedContextOf(request), request.body);
      return reply.code(201).send(summary);
    },
  );

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
