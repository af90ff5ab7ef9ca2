import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Paths that are never the web app's: an unknown one there is a 404 (or 401), not the app's page. */
const NOT_THE_APP = /^\/(api|docs|health|metrics)(\/|$)/;

/**
 * Serves the workbench's build (`packages/web/dist`) from `/`: its files
 * are public, as the login page is one of them; they hold no data. Files
 * under /assets/ have hashed names and are cached for good; index.html is
 * never cached. Any other GET that asks for HTML and is not an API path
 * gets index.html, so the app's own routes (/queue, /declarations/...)
 * load on refresh.
 */
export const webPlugin = fp(
  async (app: FastifyInstance, opts: { root: string }) => {
    if (!existsSync(join(opts.root, 'index.html')))
      throw new Error(`SIEVE_ERR_CONFIG: no web app build in ${opts.root} (npm run build:web)`);
    await app.register(fastifyStatic, {
      root: opts.root,
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      setHeaders(res, path) {
        res.header(
          'cache-control',
          path.includes(`${join('/', 'assets', '/')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  },
  { name: 'sieve-web', dependencies: ['sieve-auth', 'sieve-errors'] },
);

/** Whether a request that found no route should get the app's page instead of a 404. */
export function wantsAppPage(method: string, path: string, accept: string | undefined): boolean {
  return method === 'GET' && !NOT_THE_APP.test(path) && (accept ?? '').includes('text/html');
}

/** Whether a request through the static files' wildcard is really an API path (to be authenticated). */
export function isApiPath(path: string): boolean {
  return NOT_THE_APP.test(path) && !path.startsWith('/health') && !path.startsWith('/metrics');
}
