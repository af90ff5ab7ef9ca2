import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer, loadConfig, PasswordHasher } from '@sieve/server';
import type { Store, UserRole } from '@sieve/store';
import { WEB_DIST } from '@sieve/web';

/** One demo account per role; the passwords are printed, since this is a demo. */
const DEMO_ACCOUNTS: readonly { id: string; role: UserRole; name: string }[] = [
  { id: 'admin', role: 'administrator', name: 'Demo administrator' },
  { id: 'analyst', role: 'risk_analyst', name: 'Demo risk analyst' },
  { id: 'officer', role: 'targeting_officer', name: 'Demo targeting officer' },
  { id: 'inspector', role: 'inspector', name: 'Demo inspector' },
  { id: 'supervisor', role: 'supervisor', name: 'Demo supervisor' },
  { id: 'trader', role: 'trader', name: 'Demo trader' },
];

const passwordOf = (id: string) => `demo-${id}-2026`;

/**
 * Creates the demo accounts (the trader follows the busiest importer), starts
 * the server with the workbench on the demo store, prints the address and the
 * logins, and serves until interrupted.
 */
export async function serveDemo(store: Store, opts: { port: number }): Promise<void> {
  const config = loadConfig({ ...process.env, SIEVE_PORT: String(opts.port) });
  const hasher = new PasswordHasher(config.argon2);
  const [busiest] = await store.sql.query<{ importer_id: string }>(
    `SELECT importer_id FROM declarations WHERE importer_id IS NOT NULL
      GROUP BY importer_id ORDER BY count(*) DESC, importer_id LIMIT 1`,
  );
  for (const a of DEMO_ACCOUNTS) {
    await store.users.create({
      id: a.id,
      displayName: a.name,
      role: a.role,
      partyId: a.role === 'trader' ? (busiest?.importer_id ?? null) : null,
      passwordHash: await hasher.hash(passwordOf(a.id)),
      createdBy: 'demo',
    });
  }
  const web = existsSync(join(WEB_DIST, 'index.html'));
  // Warnings only: a line per request would bury the logins printed below.
  const app = buildServer({
    store,
    config,
    logger: { level: 'warn' },
    ...(web ? { webRoot: WEB_DIST } : {}),
  });
  const address = await app.listen({ port: config.port, host: config.host });
  console.log(
    `\n5. the workbench: ${address}${web ? '' : ' (API only: the web app is not built)'}  (API documentation: ${address}/docs)`,
  );
  console.log('   log in as:');
  for (const a of DEMO_ACCOUNTS)
    console.log(`     ${a.role.padEnd(18)} ${a.id.padEnd(11)} password ${passwordOf(a.id)}`);
  if (busiest) console.log(`   (the trader follows importer ${busiest.importer_id})`);
  console.log('   press Ctrl-C to stop');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await app.close();
}
