import { DEFAULT_THRESHOLD, ENTRY_KINDS, LIST_FORMATS } from '@sieve/core/watchlist';
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

const LANES = ['red', 'yellow'] as const;

const settingsShape = {
  threshold: z
    .number()
    .nullable()
    .describe(`match threshold, above 0 and at most 1; null: the default (${DEFAULT_THRESHOLD})`),
  points: z.number().int().nullable().describe('points a hit adds to the score; null: none'),
  lane: z.enum(LANES).nullable().describe('lane a hit forces; null: none'),
};

const policySettingsSchema = z.object(settingsShape).meta({ id: 'WatchlistPolicySettings' });

const policySchema = z
  .object({
    list: z.string(),
    ...settingsShape,
    updatedAt: z.string().nullable().describe('null: no policy was ever set, every default applies'),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'WatchlistPolicy' });

/** What each setting expects, as a 400 says it whichever check failed. */
const THRESHOLD = { message: 'expected a number above 0 and at most 1, or null for the default' };
const POINTS = { message: 'expected a whole number of points from 0 to 10000, or null for none' };

const policyBodySchema = z
  .strictObject({
    threshold: z
      .number(THRESHOLD)
      .gt(0, THRESHOLD)
      .max(1, THRESHOLD)
      .nullable()
      .optional()
      .describe(
        `match threshold, above 0 and at most 1; left out or null: the default (${DEFAULT_THRESHOLD})`,
      ),
    points: z
      .number(POINTS)
      .int(POINTS)
      .min(0, POINTS)
      .max(10_000, POINTS)
      .nullable()
      .optional()
      .describe('points a hit adds to the score (once per listed entry); left out or null: none'),
    lane: z
      .enum(LANES, { message: 'expected "red" or "yellow", or null to force no lane' })
      .nullable()
      .optional()
      .describe('lane a hit forces; left out or null: none'),
    reason: reasonSchema,
  })
  .meta({ id: 'WatchlistPolicyChange' });

const listIdParams = z.object({ listId: z.string().min(1).max(100) });

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
    '/api/watchlists/:listId/policy',
    {
      schema: {
        tags: ['watchlists'],
        summary: "A list's policy: its match threshold, the points a hit adds and the lane it forces",
        params: listIdParams,
        response: {
          200: policySchema,
          404: errorSchema.describe('no such list (SIEVE_ERR_WATCHLIST_NOT_FOUND)'),
          ...authErrors,
        },
      },
    },
    async (request) => services.watchlists.policy(request.params.listId),
  );

  app.put(
    '/api/watchlists/:listId/policy',
    {
      schema: {
        tags: ['watchlists'],
        summary: "Replace a list's policy (audited as watchlist.policy, with the policy before and after)",
        description:
          'The body replaces the whole policy: a setting left out or null takes its default. ' +
          'Real-time assessment applies it from the next declaration.',
        params: listIdParams,
        body: policyBodySchema,
        response: {
          200: policySchema
            .extend({
              previous: policySettingsSchema
                .nullable()
                .describe('the policy it replaced; null when the list had none'),
            })
            .meta({ id: 'WatchlistPolicyChanged' }),
          400: errorSchema.describe('details name each field and what was expected'),
          404: errorSchema.describe('no such list (SIEVE_ERR_WATCHLIST_NOT_FOUND)'),
          ...authErrors,
        },
      },
    },
    async (request) =>
      services.watchlists.setPolicy(authedContextOf(request), request.params.listId, request.body),
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
