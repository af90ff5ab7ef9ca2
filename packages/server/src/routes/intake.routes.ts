import type { Readable } from 'node:stream';
import {
  cargoReportSchema,
  declarationSchema,
  inspectionResultSchema,
  partySchema,
  RECORD_KINDS,
} from '@sieve/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SieveError } from '../errors/index.ts';
import { authedContextOf } from '../plugins/auth.plugin.ts';
import { bodyAsIs } from '../schemas/body-as-is.ts';
import { authErrors, errorSchema, limitSchema, numericIdParams } from '../schemas/common.ts';
import type { RouteOptions } from './route-options.ts';

const runSchema = z
  .object({
    id: z.number().int(),
    source: z.string(),
    format: z.string(),
    map: z.string().nullable(),
    actor: z.string(),
    status: z.enum(['running', 'completed', 'failed']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    read: z.number().int().describe('records read = accepted + quarantined'),
    accepted: z.number().int().describe('= inserted + duplicates'),
    inserted: z.number().int(),
    duplicates: z.number().int().describe('already stored (same id and version): stored once'),
    quarantined: z.number().int(),
    error: z.string().nullable(),
  })
  .meta({ id: 'IntakeRun' });

const fieldErrorSchema = z.object({ field: z.string(), value: z.unknown().optional(), expected: z.string() });

const quarantineSchema = z
  .object({
    id: z.number().int(),
    runId: z.number().int(),
    recordNo: z.number().int(),
    kind: z.string().nullable(),
    reasons: z.array(fieldErrorSchema),
    raw: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'QuarantinedRecord' });

const kindQuery = z.object({
  kind: z
    .enum(RECORD_KINDS)
    .default('declaration')
    .describe('kind of the records that do not say `"record": "<kind>"` themselves'),
});

/** The documented record shapes. They are not enforced at the edge: intake quarantines what does not fit. */
const recordSchema = z.union([declarationSchema, cargoReportSchema, inspectionResultSchema, partySchema]);

/** Intake over HTTP, for people (administrators) and systems (API tokens). */
export const intakeRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services, config }) => {
  // NDJSON is handed over as a stream and read line by line: memory stays flat however long the feed.
  app.addContentTypeParser('application/x-ndjson', (_request, payload, done) => done(null, payload));

  app.post(
    '/api/intake',
    {
      validatorCompiler: bodyAsIs,
      schema: {
        tags: ['intake'],
        summary: 'Take in one declaration, cargo report, inspection result or party (trader register)',
        description:
          'Idempotent on (id, version), or on id for inspections and parties: sending the same record twice stores it once (`duplicate`); a party record merges into what the store knows of that party, field by field. A record that does not validate is quarantined and answered with 422 and every field problem.',
        querystring: kindQuery,
        body: recordSchema,
        response: {
          201: z.object({ runId: z.number().int(), outcome: z.literal('accepted') }),
          200: z.object({ runId: z.number().int(), outcome: z.literal('duplicate') }),
          422: errorSchema.describe(
            'quarantined (SIEVE_ERR_RECORD_QUARANTINED); details.errors name each field',
          ),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const r = await services.intake.one(authedContextOf(request), request.body, request.query.kind);
      return reply.code(r.outcome === 'accepted' ? 201 : 200).send(r);
    },
  );

  app.post(
    '/api/intake/batch',
    {
      validatorCompiler: bodyAsIs,
      bodyLimit: config.bodyLimitBytes,
      schema: {
        tags: ['intake'],
        summary: 'Take in a batch: a JSON array, or NDJSON (Content-Type: application/x-ndjson) streamed',
        description:
          'Every record is accepted or quarantined with its reasons; the run counts read = accepted + quarantined. The answer lists the first 100 quarantined records; the rest are at /api/intake/runs/{id}/quarantine.',
        querystring: kindQuery,
        body: z.array(recordSchema),
        response: {
          200: z.object({ run: runSchema, quarantined: z.array(quarantineSchema) }),
          400: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request) => {
      const ctx = authedContextOf(request);
      const body: unknown = request.body;
      if (request.headers['content-type']?.startsWith('application/x-ndjson'))
        return services.intake.ndjson(ctx, body as Readable, request.query.kind);
      if (!Array.isArray(body))
        throw new SieveError('SIEVE_ERR_VALIDATION', 'expected a JSON array of records, or NDJSON', [
          { in: 'body', field: '(body)', expected: 'a JSON array of records' },
        ]);
      return services.intake.array(ctx, body, request.query.kind);
    },
  );

  app.get(
    '/api/intake/runs',
    {
      schema: {
        tags: ['intake'],
        summary: 'Intake runs, newest first, with their counts',
        querystring: z.object({ limit: limitSchema(500, 50) }),
        response: { 200: z.array(runSchema), ...authErrors },
      },
    },
    async (request) => services.intake.listRuns(request.query.limit),
  );

  app.get(
    '/api/intake/runs/:id',
    {
      schema: {
        tags: ['intake'],
        summary: 'One intake run',
        params: numericIdParams,
        response: { 200: runSchema, 404: errorSchema, ...authErrors },
      },
    },
    async (request) => services.intake.getRun(request.params.id),
  );

  app.get(
    '/api/intake/runs/:id/quarantine',
    {
      schema: {
        tags: ['intake'],
        summary: 'What a run held back, why (field, value, expected) and the raw record; audited',
        params: numericIdParams,
        querystring: z.object({
          limit: limitSchema(1000, 100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.array(quarantineSchema), 404: errorSchema, ...authErrors },
      },
    },
    async (request) => services.intake.quarantine(authedContextOf(request), request.params.id, request.query),
  );
};
