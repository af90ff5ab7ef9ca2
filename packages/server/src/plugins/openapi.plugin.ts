import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { accessOf } from '../auth/access.ts';
import { ROLE_PURPOSE } from '../auth/roles.ts';
import { SESSION_COOKIE } from './auth.plugin.ts';

/**
 * The OpenAPI description, generated from the routes' zod schemas, at
 * /docs/json, with the browsable UI at /docs. Each operation says which
 * roles may call it (from the ACCESS table) in its description and in
 * `x-roles`.
 */
export const openapiPlugin = fp(
  async (app: FastifyInstance, opts: { version: string }) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'Sieve API',
          version: opts.version,
          description: [
            'Customs risk management: intake, declarations, inspections, the referral queue, rules, lists, watchlists, models and the audit log.',
            '',
            'Log in with POST /api/auth/login; send the token as `Authorization: Bearer <token>` (or let the browser send the session cookie). Feeding systems use an API token made by an administrator. Errors have a stable `code` (SIEVE_ERR_...); see docs/api.md.',
            '',
            'Roles:',
            ...Object.entries(ROLE_PURPOSE).map(([r, what]) => `- **${r}**: ${what}`),
          ].join('\n'),
        },
        components: {
          securitySchemes: {
            bearer: {
              type: 'http',
              scheme: 'bearer',
              description: 'a session token from login, or an API token',
            },
            session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          },
        },
        security: [{ bearer: [] }, { session: [] }],
      },
      transform: (input) => {
        const out = jsonSchemaTransform(input);
        const access = accessOf(String(input.route.method), input.url);
        const schema = out.schema as Record<string, unknown>;
        if (access === 'public') schema.security = [];
        else if (access) {
          const roles = `Roles: ${access.join(', ')}.`;
          schema.description = schema.description ? `${schema.description}\n\n${roles}` : roles;
          schema['x-roles'] = [...access];
        }
        return out;
      },
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'sieve-openapi', dependencies: ['sieve-auth'] },
);
