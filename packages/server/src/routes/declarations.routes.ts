import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authedContextOf } from '../plugins/auth.plugin.ts';
import { authErrors, errorSchema, idParams, isoTime, limitSchema } from '../schemas/common.ts';
import { declarationDocSchema, declarationSummarySchema, inspectionDocSchema } from '../schemas/records.ts';
import { TRADER_STATUSES } from '../services/declaration.service.ts';
import type { RouteOptions } from './route-options.ts';

const statusSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    office: z.string(),
    lodgedAt: z.string(),
    status: z.enum(TRADER_STATUSES),
    riskLevel: z.string().nullable().optional().describe('only where the administration lets traders see it'),
  })
  .meta({ id: 'DeclarationStatus' });

const pageQuery = { limit: limitSchema(200, 50), cursor: z.string().max(500).optional() };

/** Declarations for staff, and the status of their own for traders. */
export const declarationsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    '/api/declarations',
    {
      schema: {
        tags: ['declarations'],
        summary: 'Search declarations, newest lodged first (latest version of each)',
        querystring: z.object({
          office: z.string().optional(),
          from: isoTime.optional().describe('lodged at or after'),
          to: isoTime.optional().describe('lodged before'),
          partyId: z.string().optional().describe('declarant or importer'),
          hsPrefix: z
            .string()
            .regex(/^\d{2,10}$/, { message: 'expected 2 to 10 digits' })
            .optional(),
          idPrefix: z.string().optional(),
          ...pageQuery,
        }),
        response: {
          200: z.object({ items: z.array(declarationSummarySchema), nextCursor: z.string().nullable() }),
          400: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return services.declarations.list(filter, { limit, cursor });
    },
  );

  app.get(
    '/api/declarations/:id',
    {
      schema: {
        tags: ['declarations'],
        summary: 'One declaration with its versions and inspection results (the view is audited)',
        description: 'An inspector reaches only declarations they inspect.',
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().positive().optional() }),
        response: {
          200: z.object({
            declaration: declarationDocSchema,
            versions: z.array(z.number().int()),
            inspections: z.array(inspectionDocSchema),
          }),
          404: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request) =>
      services.declarations.view(authedContextOf(request), request.params.id, request.query.version),
  );

  app.get(
    '/api/declarations/:id/inspections',
    {
      schema: {
        tags: ['declarations'],
        summary: 'Inspection results of a declaration (an inspector sees their own)',
        params: idParams,
        response: { 200: z.array(inspectionDocSchema), 404: errorSchema, ...authErrors },
      },
    },
    async (request) => services.declarations.inspections(authedContextOf(request), request.params.id),
  );

  app.get(
    '/api/trader/declarations',
    {
      schema: {
        tags: ['trader'],
        summary: 'My declarations (as declarant or importer), newest first: status only',
        querystring: z.object(pageQuery),
        response: {
          200: z.object({ items: z.array(statusSchema), nextCursor: z.string().nullable() }),
          ...authErrors,
        },
      },
    },
    async (request) => services.declarations.forTrader(authedContextOf(request), request.query),
  );

  app.get(
    '/api/trader/declarations/:id',
    {
      schema: {
        tags: ['trader'],
        summary: 'The status of one of my declarations',
        params: idParams,
        response: { 200: statusSchema, 404: errorSchema, ...authErrors },
      },
    },
    async (request) => services.declarations.statusForTrader(authedContextOf(request), request.params.id),
  );
};
