import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authedContextOf, clearSessionCookie, contextOf, setSessionCookie } from '../plugins/auth.plugin.ts';
import { authErrors, errorSchema, userSchema } from '../schemas/common.ts';
import type { RouteOptions } from './route-options.ts';

const meSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  role: z.string(),
  kind: z.enum(['user', 'token']),
  partyId: z.string().nullable(),
});

/** Log in, log out, who am I, change my password. */
export const authRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services, config }) => {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in: answers a bearer token and sets the session cookie',
        description: `After ${config.lockoutAttempts} failed attempts in a row the account is locked for ${config.lockoutMinutes} minutes (423).`,
        body: z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1000) }),
        response: {
          200: z.object({ token: z.string(), expiresAt: z.string(), user: userSchema }),
          401: errorSchema.describe('unknown user or wrong password (SIEVE_ERR_BAD_CREDENTIALS)'),
          423: errorSchema.describe('locked after too many failures (SIEVE_ERR_ACCOUNT_LOCKED)'),
        },
      },
    },
    async (request, reply) => {
      const result = await services.auth.login(
        contextOf(request),
        request.body.username,
        request.body.password,
      );
      setSessionCookie(reply, result.token, result.expiresAt, config.cookieSecure);
      return result;
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End this session',
        response: { 204: z.undefined(), ...authErrors },
      },
    },
    async (request, reply) => {
      await services.auth.logout(authedContextOf(request));
      clearSessionCookie(reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who the token or session belongs to',
        response: { 200: meSchema, ...authErrors },
      },
    },
    async (request) => {
      const p = authedContextOf(request).principal;
      return {
        id: p.id,
        displayName: p.displayName,
        role: p.role,
        kind: p.kind,
        partyId: p.kind === 'user' ? p.partyId : null,
      };
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change my own password (ends my other sessions)',
        body: z.object({ currentPassword: z.string().min(1), newPassword: z.string().min(1).max(1000) }),
        response: { 204: z.undefined(), 400: errorSchema, ...authErrors },
      },
    },
    async (request, reply) => {
      await services.users.changeOwnPassword(
        authedContextOf(request),
        request.body.currentPassword,
        request.body.newPassword,
      );
      return reply.code(204).send();
    },
  );
};
