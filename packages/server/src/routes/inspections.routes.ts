import { inspectionResultSchema } from '@sieve/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SieveError } from '../errors/index.ts';
import { authedContextOf } from '../plugins/auth.plugin.ts';
import { bodyAsIs } from '../schemas/body-as-is.ts';
import { authErrors, errorSchema, idParams, isoTime, limitSchema } from '../schemas/common.ts';
import { inspectionDocSchema } from '../schemas/records.ts';
import type { RouteOptions } from './route-options.ts';

/** Inspection results: inspectors record and read their own; other staff read them all. */
export const inspectionsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    '/api/inspections',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Inspection results, newest first (an inspector sees their own)',
        querystring: z.object({
          declarationId: z.string().optional(),
          inspector: z.string().optional(),
          outcome: z.enum(['finding', 'no_finding']).optional(),
          from: isoTime.optional(),
          to: isoTime.optional(),
          limit: limitSchema(500, 50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: {
          200: z.array(z.object({ result: inspectionDocSchema, receivedAt: z.string() })),
          400: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      return services.inspections.list(authedContextOf(request), filter, { limit, offset });
    },
  );

  app.get(
    '/api/inspections/:id',
    {
      schema: {
        tags: ['inspections'],
        summary: 'One inspection result',
        params: idParams,
        response: {
          200: z.object({ result: inspectionDocSchema, receivedAt: z.string() }),
          404: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request) => services.inspections.get(authedContextOf(request), request.params.id),
  );

  app.post(
    '/api/inspections',
    {
      validatorCompiler: bodyAsIs,
      schema: {
        tags: ['inspections'],
        summary: 'Record an inspection result (audited)',
        description:
          '`id` is made up when absent; `inspector` defaults to the caller, and an inspector may not record under another name. `outcome` is `finding` exactly when `findings` is not empty.',
        body: inspectionResultSchema,
        response: {
          201: inspectionDocSchema,
          400: errorSchema,
          404: errorSchema,
          409: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const body: unknown = request.body;
      if (body === null || typeof body !== 'object' || Array.isArray(body))
        throw new SieveError('SIEVE_ERR_VALIDATION', 'expected an inspection result object', [
          { in: 'body', field: '(body)', expected: 'a JSON object' },
        ]);
      const result = await services.inspections.record(
        authedContextOf(request),
        body as Record<string, unknown>,
      );
      return reply.code(201).send(result);
    },
  );
};
