import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Access, accessOf } from '../auth/access.ts';
import type { Principal } from '../auth/roles.ts';
import type { ServerConfig } from '../config/config.ts';
import { SieveError } from '../errors/index.ts';
import type { AuthService } from '../services/auth.service.ts';
import type { AuthedContext, RequestContext } from '../services/context.ts';
import { isApiPath } from './web.plugin.ts';

export const SESSION_COOKIE = 'sieve_session';

declare module 'fastify' {
  interface FastifyInstance {
    /** `METHOD /url` of every route registered, with its access (the docs' own routes aside). */
    readonly routeAccess: Map<string, Access>;
  }
  interface FastifyRequest {
    /** The authenticated caller; null on public endpoints. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Set from the ACCESS table when the route is registered. */
    access?: Access;
  }
}

/**
 * Authentication and role checks for every route. Routes get their roles
 * from the ACCESS table as they are registered (a route missing from it
 * stops the server from starting); each request is authenticated from its
 * bearer token or session cookie before anything else runs, and refused
 * with 401 or 403 before its body is even read.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, opts: { auth: AuthService; config: ServerConfig }) => {
    await app.register(cookie);
    app.decorateRequest('principal', null);
    const routeAccess = new Map<string, Access>();
    app.decorate('routeAccess', routeAccess);

    app.addHook('onRoute', (route) => {
      const methods = (Array.isArray(route.method) ? route.method : [route.method]).map((m) =>
        m === 'HEAD' ? 'GET' : m,
      );
      const url = route.url ?? route.path;
      const accesses = methods.map((m) => accessOf(m, url));
      if (accesses.some((a) => a === undefined)) {
        throw new Error(
          `route ${methods.join(',')} ${url} is not in the ACCESS table (packages/server/src/auth/access.ts): say who may call it`,
        );
      }
      route.config = { ...route.config, access: accesses[0] };
      if (!url.startsWith('/docs') && url !== '/*')
        for (const m of methods) if (route.method !== 'HEAD') routeAccess.set(`${m} ${url}`, accesses[0]!);
    });

    app.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config?.access;
      // The web app's wildcard is public, but an unknown API path that lands on it is not.
      if (access === 'public' && !(request.routeOptions.url === '/*' && isApiPath(request.url))) return;
      const token = bearerToken(request) ?? request.cookies[SESSION_COOKIE];
      const principal = token ? await opts.auth.authenticate(token) : undefined;
      if (!principal) throw new SieveError('SIEVE_ERR_UNAUTHENTICATED');
      request.principal = principal;
      // An unknown URL has no access entry: a logged-in caller learns it does not exist (404), no one else.
      if (access && access !== 'public' && !access.includes(principal.role))
        throw new SieveError(
          'SIEVE_ERR_FORBIDDEN',
          `the role ${principal.role} may not ${request.method} ${request.routeOptions.url}`,
          { role: principal.role, allowed: access },
        );
    });
  },
  { name: 'sieve-auth' },
);

function bearerToken(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1];
}

/** The audit context of a request (who, from where). */
export function contextOf(request: FastifyRequest): RequestContext {
  return {
    principal: request.principal,
    ip: request.ip,
    userAgent: request.headers['user-agent']?.slice(0, 512) ?? null,
    requestId: request.id,
  };
}

/** The same for an authenticated route (all but the public ones). */
export function authedContextOf(request: FastifyRequest): AuthedContext {
  const ctx = contextOf(request);
  if (!ctx.principal) throw new SieveError('SIEVE_ERR_UNAUTHENTICATED');
  return ctx as AuthedContext;
}

/** Sets the session cookie a browser sends back (HttpOnly, SameSite=Strict: not readable by scripts, not sent cross-site). */
export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  expiresAt: string,
  secure: boolean,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
