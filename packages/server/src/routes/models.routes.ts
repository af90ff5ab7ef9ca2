import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authedContextOf } from '../plugins/auth.plugin.ts';
import { authErrors, errorSchema, numericIdParams, reasonSchema } from '../schemas/common.ts';
import type { RouteOptions } from './route-options.ts';

const modelVersionSchema = z
  .object({
    id: z.number().int(),
    sha256: z.string(),
    featureSet: z.string(),
    metrics: z
      .record(z.string(), z.unknown())
      .describe('ranking metrics on the validation period (docs/model.md)'),
    trainedFrom: z.string(),
    trainedTo: z.string(),
    trainingRows: z.number().int(),
    registeredBy: z.string(),
    active: z.boolean(),
    activatedAt: z.string().nullable(),
    activatedBy: z.string().nullable(),
  })
  .meta({ id: 'ModelVersion' });

/** The predictive models: registered versions and which one is active. */
export const modelsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    '/api/models',
    {
      schema: {
        tags: ['models'],
        summary: 'Registered model versions with their metrics; at most one is active',
        response: { 200: z.array(modelVersionSchema), ...authErrors },
      },
    },
    async () => services.models.list(),
  );

  app.post(
    '/api/models/:id/activate',
    {
      schema: {
        tags: ['models'],
        summary: 'Make a model version the active one (audited with the reason)',
        params: numericIdParams,
        body: z.object({ reason: reasonSchema }),
        response: { 200: modelVersionSchema, 400: errorSchema, 404: errorSchema, ...authErrors },
      },
    },
    async (request) =>
      services.models.activate(authedContextOf(request), request.params.id, request.body.reason),
  );
};
