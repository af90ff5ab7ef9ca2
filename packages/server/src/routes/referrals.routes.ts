import { declarationSchema } from '@sieve/core';
import { LANES } from '@sieve/core/ensemble';
import { RULE_CATEGORIES } from '@sieve/core/rules';
import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';
import {
  type FastifyPluginAsyncZod,
  serializerCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authedContextOf } from '../plugins/auth.plugin.ts';
import { bodyAsIs } from '../schemas/body-as-is.ts';
import { authErrors, errorSchema, idParams, isoTime, limitSchema, reasonSchema } from '../schemas/common.ts';
import { receiveJsonAsText } from '../schemas/received-json.ts';
import type { RouteOptions } from './route-options.ts';

const lane = z.enum(LANES);

export const decisionSchema = z
  .object({
    id: z.string(),
    declarationId: z.string(),
    declarationVersion: z.number().int(),
    snapshot: z.string().nullable().describe('the assessment the officer answered (its snapshot key)'),
    assessedLane: lane.nullable().describe('the lane the risk engine gave'),
    lane: lane.describe('the lane the officer decided'),
    reason: z.string(),
    decidedBy: z.string(),
    decidedAt: z.string(),
    assignedTo: z.string().nullable().describe('the inspector the control is assigned to'),
    supersedes: z.string().nullable().describe('the decision this one replaces'),
  })
  .meta({ id: 'Decision' });

const queueItemSchema = z
  .object({
    declarationId: z.string(),
    declarationVersion: z.number().int(),
    office: z.string(),
    lodgedAt: z.string(),
    score: z.number().describe('combined risk 0..1 the queue is ranked by'),
    points: z.number(),
    lane: lane,
    riskLane: lane,
    selectedBy: z.enum(['random', 'risk', 'none']),
    categories: z.array(z.string()).describe('categories of the rules that gave points'),
    reasons: z.array(z.string()).describe('the first sentences of the explanation'),
    importerName: z.string().nullable(),
    dispatchCountry: z.string().nullable(),
    customsValue: z.number().nullable(),
    currency: z.string(),
    decision: decisionSchema.nullable(),
  })
  .meta({ id: 'QueueItem' });

const taskSchema = z
  .object({
    declarationId: z.string(),
    declarationVersion: z.number().int(),
    office: z.string(),
    lodgedAt: z.string(),
    lane: lane,
    decidedAt: z.string(),
    decidedBy: z.string(),
    reason: z.string(),
    importerName: z.string().nullable(),
    resultId: z.string().nullable().describe('set once the inspector has recorded a result'),
  })
  .meta({ id: 'InspectionTask' });

const watchlistHitSchema = z
  .object({
    role: z
      .string()
      .describe('the role screened: importer, exporter, declarant, seller, consignee, carrier, vessel'),
    path: z
      .string()
      .describe('where the screened name is in the declaration, e.g. "importer" or "transport"'),
    partyId: z.string().optional(),
    queryName: z.string().describe('the declared name that was compared'),
    list: z.string(),
    listVersion: z.string(),
    entryId: z.string(),
    kind: z.string(),
    name: z.string().describe("the entry's primary name"),
    matchedName: z
      .object({ name: z.string(), type: z.string(), strength: z.string() })
      .describe('the name or alias of the entry that matched'),
    score: z.number().describe('0 to 1, held against the threshold'),
    nameScore: z.number().describe('the score of the names alone'),
    threshold: z.number(),
    ignored: z.array(z.string()).describe('legal forms and titles set aside ("ltd", "dr")'),
    tokens: z
      .array(
        z.object({
          query: z.string().nullable(),
          listed: z.string().nullable(),
          similarity: z.number(),
          how: z.string(),
        }),
      )
      .describe('token by token: which declared word matched which listed word, and how'),
    factors: z
      .array(z.object({ factor: z.string(), effect: z.number(), detail: z.string() }))
      .describe('what birth date, country or identifier did to the score'),
    program: z.string().optional(),
    reason: z.string().optional(),
  })
  .meta({ id: 'AssessmentWatchlistHit' });

const modelVerdictSchema = z
  .object({
    version: z.string().describe('the model version, `<registry id>:<sha256 prefix>`'),
    probability: z.number().describe('probability of a finding'),
    baseProbability: z.number().describe('probability for an average declaration in training'),
    reasons: z
      .array(
        z.object({
          subject: z.string(),
          contribution: z.number().describe('log-odds'),
          direction: z.enum(['raises', 'lowers']),
          text: z.string().describe('the sentence an officer reads'),
        }),
      )
      .describe('the strongest reasons, at most five'),
    reasonsOmitted: z
      .boolean()
      .optional()
      .describe('true when the reasons were not worked out: only declarations sent to control get them'),
  })
  .meta({ id: 'AssessmentModel' });

const assessmentViewSchema = z
  .object({
    assessment: z.record(z.string(), z.unknown()).describe("the risk engine's Assessment, as stored"),
    explanation: z.array(z.string()).describe('the assessment in sentences an officer can read and repeat'),
    watchlistHits: z
      .array(watchlistHitSchema)
      .describe('parties or the vessel that matched an active watchlist (empty when none, or none active)'),
    model: modelVerdictSchema.nullable().describe('what the model said; null when no model was active'),
  })
  .meta({ id: 'AssessmentView' });

const assessmentResultSchema = z
  .object({
    outcome: z.enum(['assessed', 'duplicate']),
    assessment: z
      .record(z.string(), z.unknown())
      .describe("the risk engine's Assessment: lane, points, rules fired, versions"),
    explanation: z.array(z.string()),
  })
  .meta({ id: 'AssessmentResult' });

/**
 * Writes an assessment's answer (200, 201) as the handler built it, with
 * exactly the schema's three fields (their types checked when this is
 * compiled; the assessment itself is the risk engine's, typed there), instead
 * of first copying it through the schema at run time: that copy was a tenth
 * of what a request allocated and 25 µs of the server thread at 1,000
 * requests/s (bench:api). assessment-warm.test.ts holds the answer to the
 * documented fields. Errors go through the schema as everywhere else.
 */
function answerAsBuilt<T>(route: FastifyRouteSchemaDef<T>): (data: unknown) => string {
  if (route.httpStatus === '200' || route.httpStatus === '201') return (data) => JSON.stringify(data);
  return serializerCompiler(route as never);
}

/** The referral queue, assessments with their explanation, decisions, and inspectors' assignments. */
export const referralsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    '/api/queue',
    {
      schema: {
        tags: ['queue'],
        summary: 'The referral queue: assessed declarations in the controlled lanes, most risky first',
        description: 'Poll it for live refresh (the workbench asks every few seconds).',
        querystring: z.object({
          office: z.string().optional(),
          lane: lane.optional().describe('default: red and yellow'),
          category: z.enum(RULE_CATEGORIES).optional(),
          from: isoTime.optional().describe('lodged at or after'),
          to: isoTime.optional().describe('lodged before'),
          decided: z.enum(['true', 'false']).optional().describe('true: decided only; false: waiting only'),
          limit: limitSchema(500, 100),
          cursor: z.string().regex(/^\d+$/).optional(),
        }),
        response: {
          200: z.object({ items: z.array(queueItemSchema), nextCursor: z.string().nullable() }),
          400: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { limit, cursor, lane: l, decided, ...filter } = request.query;
      return services.referrals.queue(
        { ...filter, ...(l ? { lanes: [l] } : {}), ...(decided ? { decided: decided === 'true' } : {}) },
        { limit, offset: Number(cursor ?? 0) },
      );
    },
  );

  // The declaration's text is parsed once, by intake, and stored as received when it validates unchanged.
  await app.register(async (plain) => {
    receiveJsonAsText(plain);
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.post(
      '/api/assessments',
      {
        validatorCompiler: bodyAsIs,
        serializerCompiler: answerAsBuilt,
        schema: {
          tags: ['queue'],
          summary:
            'Assess one declaration now: store it, score it with the active ruleset, answer the lane and why',
          description:
            'Idempotent on (id, version): the same declaration version again answers the stored assessment (`duplicate`). A declaration that does not validate is quarantined (422). The decision is audited.',
          body: declarationSchema,
          response: {
            201: assessmentResultSchema,
            200: assessmentResultSchema,
            400: errorSchema,
            409: errorSchema.describe('no active ruleset (SIEVE_ERR_NO_ACTIVE_RULESET)'),
            422: errorSchema,
            ...authErrors,
          },
        },
      },
      async (request, reply) => {
        const r = await services.assessments.assess(authedContextOf(request), request.body);
        return reply.code(r.outcome === 'assessed' ? 201 : 200).send({
          outcome: r.outcome,
          assessment: r.assessment as unknown as Record<string, unknown>,
          explanation: r.explanation,
        });
      },
    );
  });

  app.get(
    '/api/declarations/:id/assessment',
    {
      schema: {
        tags: ['queue'],
        summary: 'The latest assessment of a declaration, with its explanation (the view is audited)',
        params: idParams,
        response: { 200: assessmentViewSchema, 404: errorSchema, ...authErrors },
      },
    },
    async (request) => {
      const view = await services.referrals.assessment(authedContextOf(request), request.params.id);
      // Core's records are deeply readonly; the schema above describes the same shape.
      return {
        ...view,
        assessment: view.assessment as unknown as Record<string, unknown>,
        watchlistHits: view.watchlistHits as z.infer<typeof watchlistHitSchema>[],
        model: view.model as z.infer<typeof modelVerdictSchema> | null,
      };
    },
  );

  app.get(
    '/api/declarations/:id/decisions',
    {
      schema: {
        tags: ['queue'],
        summary: 'Decisions on a declaration, newest first (the first is in force)',
        params: idParams,
        response: { 200: z.array(decisionSchema), 404: errorSchema, ...authErrors },
      },
    },
    async (request) => services.referrals.decisions(authedContextOf(request), request.params.id),
  );

  app.post(
    '/api/declarations/:id/decisions',
    {
      schema: {
        tags: ['queue'],
        summary:
          'Decide the lane of a referral, with the reason (audited; a new decision supersedes the last)',
        params: idParams,
        body: z.object({
          declarationVersion: z.number().int().positive(),
          lane,
          reason: reasonSchema,
          assignTo: z.string().min(1).max(35).optional().describe('an inspector, for red and yellow'),
        }),
        response: { 201: decisionSchema, 400: errorSchema, 404: errorSchema, ...authErrors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await services.referrals.decide(authedContextOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/inspections/assigned',
    {
      schema: {
        tags: ['inspections'],
        summary: 'The controls assigned to me (inspectors)',
        response: { 200: z.array(taskSchema), ...authErrors },
      },
    },
    async (request) => services.referrals.tasks(authedContextOf(request)),
  );
};
