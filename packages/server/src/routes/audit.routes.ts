import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authedContextOf } from '../plugins/auth.plugin.ts';
import { authErrors, errorSchema, isoTime, limitSchema } from '../schemas/common.ts';
import type { RouteOptions } from './route-options.ts';

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string().describe('user id, `token:<name>` for API tokens, or the name tried at a failed login'),
    action: z.string().meta({ example: 'declaration.view' }),
    entity: z.string(),
    entityId: z.string().nullable(),
    reason: z.string().nullable(),
    source: z.string().nullable().describe('where from: the client IP address, or `cli`'),
    details: z.record(z.string(), z.unknown()).describe('what changed, plus userAgent, role and requestId'),
  })
  .meta({ id: 'AuditEntry' });

const filterSchema = z.object({
  actor: z.string().optional(),
  action: z
    .string()
    .optional()
    .describe('an action (`decision.record`) or a family ending in a dot (`rules.`)'),
  entity: z.string().optional(),
  entityId: z.string().optional(),
  source: z.string().optional().describe('client IP address'),
  from: isoTime.optional().describe('at or after'),
  to: isoTime.optional().describe('before'),
});

/** The audit log: searched by supervisors and administrators, and exported whole. */
export const auditRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Search the audit log, newest first',
        querystring: filterSchema.extend({
          limit: limitSchema(1000, 100),
          cursor: z.coerce.number().int().positive().optional().describe('nextCursor of the previous page'),
        }),
        response: {
          200: z.object({ entries: z.array(auditEntrySchema), nextCursor: z.number().int().nullable() }),
          400: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return services.audit.search(filter, { limit, cursor });
    },
  );

  app.get(
    '/api/audit/export',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Export the matching audit entries, oldest first, as CSV or NDJSON (the export is itself audited)',
        querystring: filterSchema.extend({ format: z.enum(['csv', 'ndjson']).default('csv') }),
        produces: ['text/csv', 'application/x-ndjson'],
        response: { 200: z.unknown().describe('CSV or NDJSON'), 400: errorSchema, ...authErrors },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const stream = await services.audit.export(authedContextOf(request), filter, format);
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson')
        .header('content-disposition', `attachment; filename="sieve-audit-${stamp}.${format}"`)
        .send(stream);
    },
  );
};
