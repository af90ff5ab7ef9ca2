import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authErrors, errorSchema, isoTime } from '../schemas/common.ts';
import type { RouteOptions } from './route-options.ts';

const counted = z.object({ inspected: z.number().int(), findings: z.number().int() });
const lane = z.enum(['red', 'yellow', 'blue', 'green']);

/** Dashboard figures for supervisors and staff. */
export const dashboardRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    '/api/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary:
          'Lane shares, hit rates (all, random, risk), findings and revenue over time, time to release',
        description:
          'Over declarations lodged in [from, to) (default: the last 90 days). Random counts inspections of declarations drawn at random, risk those selected by risk: the random hit rate is the unbiased yardstick. Revenue sums the revenue adjustments and penalties found. Release is the decision that released the goods (green, blue) or the end of the inspection.',
        querystring: z.object({
          office: z.string().optional(),
          from: isoTime.optional(),
          to: isoTime.optional(),
        }),
        response: {
          200: z
            .object({
              from: z.string(),
              to: z.string(),
              bucket: z.enum(['day', 'week']),
              lanes: z.object({ red: z.number(), yellow: z.number(), blue: z.number(), green: z.number() }),
              hitRate: z.object({ overall: counted, random: counted, risk: counted }),
              series: z.array(
                z.object({
                  day: z.string(),
                  declarations: z.number().int(),
                  inspected: z.number().int(),
                  findings: z.number().int(),
                  revenue: z.number(),
                }),
              ),
              currency: z.string(),
              releaseHours: z.array(
                z.object({ lane, p50: z.number(), p90: z.number(), count: z.number().int() }),
              ),
            })
            .meta({ id: 'DashboardFigures' }),
          400: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request) => services.dashboard.figures(request.query),
  );
};
