import { API_TOKEN_SCOPES } from '@sieve/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authedContextOf } from '../plugins/auth.plugin.ts';
import {
  authErrors,
  errorSchema,
  idParams,
  numericIdParams,
  reasonSchema,
  roleSchema,
  userIdSchema,
  userSchema,
} from '../schemas/common.ts';
import { settingsSchema } from '../services/settings.service.ts';
import type { RouteOptions } from './route-options.ts';

const apiTokenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    scope: z.enum(API_TOKEN_SCOPES),
    createdAt: z.string(),
    createdBy: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    revokedBy: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

const partyId = z
  .string()
  .min(1)
  .max(35)
  .nullable()
  .optional()
  .describe('traders only: the party they act for');

/** Administration: accounts, API tokens for feeding systems, run-time settings. */
export const usersRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['administration'],
        summary: 'List accounts',
        querystring: z.object({ role: roleSchema.optional() }),
        response: { 200: z.array(userSchema), ...authErrors },
      },
    },
    async (request) => services.users.list(request.query),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['administration'],
        summary: 'Create an account',
        body: z.object({
          id: userIdSchema,
          displayName: z.string().trim().min(1).max(200),
          role: roleSchema,
          partyId,
          password: z.string().min(1).max(1000),
        }),
        response: { 201: userSchema, 400: errorSchema, 409: errorSchema, ...authErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.users.create(authedContextOf(request), request.body)),
  );

  app.get(
    '/api/users/:id',
    {
      schema: {
        tags: ['administration'],
        summary: 'One account',
        params: idParams,
        response: { 200: userSchema, 404: errorSchema, ...authErrors },
      },
    },
    async (request) => services.users.get(request.params.id),
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['administration'],
        summary: "Change role, name, party, or disable (ends the account's sessions)",
        params: idParams,
        body: z
          .object({
            displayName: z.string().trim().min(1).max(200).optional(),
            role: roleSchema.optional(),
            partyId,
            disabled: z.boolean().optional(),
          })
          .strict(),
        response: { 200: userSchema, 400: errorSchema, 404: errorSchema, ...authErrors },
      },
    },
    async (request) => services.users.update(authedContextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/password',
    {
      schema: {
        tags: ['administration'],
        summary: 'Set a new password for an account (ends its sessions, clears a lockout)',
        params: idParams,
        body: z.object({ password: z.string().min(1).max(1000) }),
        response: { 204: z.undefined(), 400: errorSchema, 404: errorSchema, ...authErrors },
      },
    },
    async (request, reply) => {
      await services.users.resetPassword(authedContextOf(request), request.params.id, request.body.password);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/users/:id/unlock',
    {
      schema: {
        tags: ['administration'],
        summary: 'Lift a lockout after failed logins',
        params: idParams,
        response: { 200: userSchema, 404: errorSchema, ...authErrors },
      },
    },
    async (request) => services.users.unlock(authedContextOf(request), request.params.id),
  );

  app.get(
    '/api/tokens',
    {
      schema: {
        tags: ['administration'],
        summary: 'List API tokens (never the tokens themselves)',
        response: { 200: z.array(apiTokenSchema), ...authErrors },
      },
    },
    async () => services.tokens.list(),
  );

  app.post(
    '/api/tokens',
    {
      schema: {
        tags: ['administration'],
        summary: 'Create an API token for a feeding system; the token is shown only in this answer',
        body: z.object({
          name: z.string().trim().min(2).max(100),
          scope: z.enum(API_TOKEN_SCOPES).default('intake'),
          expiresInDays: z.number().int().min(1).max(3650).optional(),
        }),
        response: {
          201: z.object({ token: z.string(), apiToken: apiTokenSchema }),
          409: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.tokens.create(authedContextOf(request), request.body)),
  );

  app.delete(
    '/api/tokens/:id',
    {
      schema: {
        tags: ['administration'],
        summary: 'Revoke an API token',
        params: numericIdParams,
        querystring: z.object({ reason: reasonSchema.optional() }),
        response: { 200: apiTokenSchema, 404: errorSchema, ...authErrors },
      },
    },
    async (request) =>
      services.tokens.revoke(authedContextOf(request), request.params.id, request.query.reason),
  );

  app.get(
    '/api/settings',
    {
      schema: {
        tags: ['administration'],
        summary: 'Run-time settings',
        response: { 200: settingsSchema, ...authErrors },
      },
    },
    async () => services.settings.get(),
  );

  app.patch(
    '/api/settings',
    {
      schema: {
        tags: ['administration'],
        summary: 'Change run-time settings (audited with the reason)',
        body: z
          .object({ traderRiskVisible: z.boolean().optional(), reason: reasonSchema.optional() })
          .strict(),
        response: { 200: settingsSchema, 400: errorSchema, ...authErrors },
      },
    },
    async (request) => {
      const { reason, ...patch } = request.body;
      return services.settings.update(authedContextOf(request), patch, reason);
    },
  );
};
