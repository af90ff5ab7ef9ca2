import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer, CONFIG_VARIABLES, ensureAdministrator, loadConfig } from '@sieve/server';
import { WEB_DIST } from '@sieve/web';
import type { Command } from 'commander';
import { openStoreFor } from '../open-store.ts';

interface ServeOptions {
  web: boolean;
  port?: string;
  host?: string;
  adminPassword?: string;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP API (OpenAPI at /docs) on the store')
    .option('--port <n>', 'port to listen on (default 8080, or SIEVE_PORT; 0 picks a free one)')
    .option('--host <address>', 'address to listen on (default 127.0.0.1, or SIEVE_HOST)')
    .option(
      '--admin-password <password>',
      'password of the first account, "admin", when there is none yet (or SIEVE_ADMIN_PASSWORD; else one is made up and printed)',
    )
    .option('--no-web', 'serve the API alone, without the workbench (packages/web/dist)')
    .addHelpText(
      'after',
      `\nEnvironment: ${CONFIG_VARIABLES.join(', ')}, SIEVE_ADMIN_PASSWORD (see docs/api.md).`,
    )
    .action(async (o: ServeOptions, cmd: Command) => {
      const config = loadConfig({
        ...process.env,
        ...(o.port !== undefined ? { SIEVE_PORT: o.port } : {}),
        ...(o.host !== undefined ? { SIEVE_HOST: o.host } : {}),
      });
      const web = o.web && existsSync(join(WEB_DIST, 'index.html'));
      if (o.web && !web)
        console.error(`the workbench is not built (${WEB_DIST}): npm run build:web; serving the API alone`);
      // The embedded database on a thread of its own: a long transaction must not hold up other requests.
      const store = await openStoreFor(cmd, { pgliteThread: 'worker' });
      const app = buildServer({ store, config, ...(web ? { webRoot: WEB_DIST } : {}) });
      try {
        const admin = await ensureAdministrator(
          store,
          config,
          o.adminPassword ?? process.env.SIEVE_ADMIN_PASSWORD,
        );
        if (admin) {
          console.error(
            `first start: created the administrator account "${admin.id}"` +
              (admin.generated ? ` with the password ${admin.password} (change it after logging in)` : ''),
          );
        }
        const address = await app.listen({ port: config.port, host: config.host });
        console.error(
          web
            ? `Sieve workbench: ${address} (API documentation: ${address}/docs)`
            : `Sieve API listening on ${address} (documentation: ${address}/docs)`,
        );
        // The first assessment should not wait for the snapshot and the history to load.
        void app.services.assessments.warm();
      } catch (err) {
        await app.close();
        await store.close();
        throw err;
      }
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          console.error(`${signal}: closing`);
          resolve();
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
      await app.close();
      await store.close();
    });
}
