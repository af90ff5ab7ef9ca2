import { declarationSchema } from '@sieve/core';
import { LANES } from '@sieve/core/ensemble';
import { RULE_CATEGORIES } from '@sieve/core/rules';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authedContextOf } from '../plugins/auth.plugin.ts';
import { bodyAsIs } from '../schemas/body-as-is.ts';
import { authErrors, errorSchema, idParams, isoTime, limitSchema, reasonSchema } from '../schemas/common.ts';
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

const assessmentViewSchema = z
  .object({
    assessment: z.record(z.string(), z.unknown()).describe("the risk engine's Assessment, as stored"),
    explanation: z.array(z.string()).describe('the assessment in sentences an officer can read and repeat'),
    watchlistHits: z.array(z.unknown()),
    model: z.null(),
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

  app.post(
    '/api/assessments',
    {
      validatorCompiler: bodyAsIs,
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
      return reply
        .code(r.outcome === 'assessed' ? 201 : 200)
        .send({ ...r, assessment: r.assessment as unknown as Record<string, unknown> });
    },
  );

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
      return { ...view, assessment: view.assessment as unknown as Record<string, unknown> };
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
