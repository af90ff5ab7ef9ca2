import { RULE_CATEGORIES } from '@sieve/core/rules';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authedContextOf } from '../plugins/auth.plugin.ts';
import { authErrors, errorSchema, isoTime, reasonSchema } from '../schemas/common.ts';
import type { RouteOptions } from './route-options.ts';

const rulesetVersionSchema = z
  .object({
    name: z.string(),
    version: z.number().int(),
    status: z.enum(['draft', 'active', 'retired']),
    ruleCount: z.number().int(),
    sha256: z.string(),
    origin: z.enum(['import', 'feedback']),
    parentVersion: z.number().int().nullable(),
    listVersions: z.record(z.string(), z.number().int()),
    createdAt: z.string(),
    createdBy: z.string(),
    reason: z.string().nullable(),
    activatedAt: z.string().nullable(),
    activatedBy: z.string().nullable(),
  })
  .meta({ id: 'RulesetVersion' });

/** A rule as analysts write it (docs/rules.md). Checked by the rule language, which names every problem. */
const ruleSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().optional(),
    category: z.enum(RULE_CATEGORIES),
    points: z.number(),
    validFrom: z.string().optional(),
    validTo: z.string().optional(),
    scope: z
      .object({
        offices: z.array(z.string()).optional(),
        procedures: z.array(z.string()).optional(),
        modes: z.array(z.string()).optional(),
      })
      .optional(),
    condition: z
      .string()
      .meta({ example: 'declaration.dispatchCountry in list("narcotics_source_countries")' }),
  })
  .meta({ id: 'Rule' });

const problemSchema = z
  .object({
    code: z.string(),
    ruleId: z.string().optional(),
    ruleIndex: z.number().int().optional(),
    line: z.number().int().optional(),
    column: z.number().int().optional(),
    sourceLine: z.number().int().optional(),
    sourceColumn: z.number().int().optional(),
    field: z.string().optional(),
    message: z.string(),
  })
  .meta({ id: 'RuleProblem' });

const listEntrySchema = z.object({ value: z.string(), reason: z.string().optional() });
const listSchema = z
  .object({
    name: z.string(),
    type: z.string(),
    version: z.number().int().optional(),
    description: z.string().optional(),
    entries: z.array(listEntrySchema),
  })
  .meta({ id: 'ReferenceList' });
const listVersionSchema = z
  .object({
    name: z.string(),
    version: z.number().int(),
    type: z.string(),
    description: z.string().nullable(),
    entryCount: z.number().int(),
    sha256: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'ReferenceListVersion' });

const versionParams = z.object({
  name: z.string().min(1).max(100),
  version: z.coerce.number().int().positive(),
});
const lanes = z.object({ red: z.number(), yellow: z.number(), blue: z.number(), green: z.number() });

/** Rulesets and reference lists: the risk analysts' tools. */
export const rulesRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  const rules = services.rules;

  app.get(
    '/api/rulesets',
    {
      schema: {
        tags: ['rules'],
        summary: 'Every version of every ruleset, newest first per name',
        response: { 200: z.array(rulesetVersionSchema), ...authErrors },
      },
    },
    async () => rules.list(),
  );

  app.get(
    '/api/rulesets/:name/versions/:version',
    {
      schema: {
        tags: ['rules'],
        summary: 'One version with its rules and the reference lists they were checked against',
        params: versionParams,
        response: {
          200: rulesetVersionSchema.extend({ rules: z.array(ruleSchema), lists: z.array(listSchema) }),
          404: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request) => {
      const r = await rules.get(request.params.name, request.params.version);
      return {
        ...r,
        rules: r.rules.map((x) => ({ ...x })),
        lists: r.lists.map((l) => ({ ...l, entries: [...l.entries] })),
      };
    },
  );

  app.post(
    '/api/rulesets/:name/versions',
    {
      schema: {
        tags: ['rules'],
        summary: 'Save rules as the next draft version (checked first; audited with the reason)',
        description:
          'The draft uses the reference lists of `parentVersion` (the version edited), else the latest of each list. The same rules and lists as an existing version answer that version (200) instead of a new one (201).',
        params: z.object({
          name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, {
            message: 'expected a lower-case name such as "national"',
          }),
        }),
        body: z.object({
          rules: z
            .array(z.looseObject(ruleSchema.shape))
            .min(1)
            .describe('rules as in the Rule schema; unknown fields are reported by the rule language'),
          parentVersion: z.number().int().positive().optional(),
          reason: reasonSchema,
        }),
        response: {
          201: rulesetVersionSchema,
          200: rulesetVersionSchema,
          400: errorSchema,
          404: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const r = await rules.createDraft(authedContextOf(request), request.params.name, request.body);
      return reply.code(r.created ? 201 : 200).send(r.version);
    },
  );

  app.post(
    '/api/rulesets/:name/versions/:version/activate',
    {
      schema: {
        tags: ['rules'],
        summary: 'Make this version the one scoring uses (an older one: a rollback); audited with the reason',
        params: versionParams,
        body: z.object({ reason: reasonSchema }),
        response: { 200: rulesetVersionSchema, 400: errorSchema, 404: errorSchema, ...authErrors },
      },
    },
    async (request) =>
      rules.activate(
        authedContextOf(request),
        request.params.name,
        request.params.version,
        request.body.reason,
      ),
  );

  app.post(
    '/api/rulesets/:name/versions/:version/backtest',
    {
      schema: {
        tags: ['rules'],
        summary:
          'Run a version over stored declarations lodged in [from, to) and compare with what inspections found',
        params: versionParams,
        body: z.object({ from: isoTime, to: isoTime }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            declarations: z.number().int(),
            days: z.array(
              z.object({
                day: z.string(),
                declarations: z.number().int(),
                hits: z.number().int(),
                inspected: z.number().int(),
                findings: z.number().int(),
              }),
            ),
            rules: z.array(
              z.object({
                ruleId: z.string(),
                title: z.string(),
                fired: z.number().int(),
                inspected: z.number().int(),
                findings: z.number().int(),
                hitRate: z.number().nullable(),
              }),
            ),
            lanes,
            report: z
              .record(z.string(), z.unknown())
              .describe('precision, recall, revenue and lift (BacktestReport)'),
          }),
          400: errorSchema,
          404: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { name, version } = request.params;
      const r = await rules.backtest(name, version, request.body.from, request.body.to);
      return { ...r, report: r.report as unknown as Record<string, unknown> };
    },
  );

  app.post(
    '/api/rules/validate',
    {
      schema: {
        tags: ['rules'],
        summary: 'Check rules as they are written: every problem with the rule, field, line and column',
        body: z.object({
          rules: z.array(z.unknown()).min(1),
          listVersions: z
            .record(z.string(), z.number().int())
            .optional()
            .describe('default: the latest of each list'),
        }),
        response: {
          200: z.object({ ok: z.boolean(), problems: z.array(problemSchema) }),
          404: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request) => {
      const problems = await rules.validate(request.body.rules, request.body.listVersions);
      return { ok: problems.length === 0, problems: problems.map((p) => ({ ...p })) };
    },
  );

  app.get(
    '/api/lists',
    {
      schema: {
        tags: ['rules'],
        summary: 'Reference lists: every version, newest first per name',
        response: { 200: z.array(listVersionSchema), ...authErrors },
      },
    },
    async () => rules.lists(),
  );

  app.get(
    '/api/lists/:name/versions/:version',
    {
      schema: {
        tags: ['rules'],
        summary: 'One version of a reference list, with its entries',
        params: versionParams,
        response: { 200: listSchema, 404: errorSchema, ...authErrors },
      },
    },
    async (request) => {
      const l = await rules.listVersion(request.params.name, request.params.version);
      return { ...l, entries: [...l.entries] };
    },
  );

  app.post(
    '/api/lists',
    {
      schema: {
        tags: ['rules'],
        summary: 'Store reference lists: a changed content becomes the next version (audited)',
        body: z.object({ lists: z.array(z.unknown()).min(1) }),
        response: { 200: z.array(listSchema), 400: errorSchema, ...authErrors },
      },
    },
    async (request) => {
      const stored = await rules.storeLists(authedContextOf(request), request.body.lists);
      return stored.map((l) => ({ ...l, entries: [...l.entries] }));
    },
  );
};
