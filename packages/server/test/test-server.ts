import { type newDeclaration, type newInspection, newParty } from '@sieve/core';
import { openStore, type Store } from '@sieve/store';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { type Role, USER_ROLES } from '../src/auth/roles.ts';
import { loadConfig, type ServerConfig } from '../src/config/config.ts';
import { buildServer, type SieveServer } from '../src/server.ts';
import { localContext } from '../src/services/context.ts';

/** Cheap hashing for tests: the cost is the argon2 library's business, not the tests'. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { ...loadConfig({}), argon2: { memoryKib: 64, passes: 1 }, ...overrides };
}

export const PASSWORD = 'correct-horse-battery';
/** The party the test trader acts for: the importer of the factories' declarations. */
export const TRADER_PARTY = newParty().id;

export interface TestServer {
  app: SieveServer;
  store: Store;
  /** A bearer token per role (people log in; `system` is an API token). */
  tokens: Record<Role, string>;
  /** The user id of each person role (`<role>.test`). */
  users: Record<Exclude<Role, 'system'>, string>;
  /** `app.inject` as a role (or anonymously with `null`). */
  as(role: Role | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * One server on one in-memory store for a whole test file (PGlite starts in
 * seconds, not milliseconds), with one logged-in account per role and an
 * API token for `system`. Given a store (e.g. from `eachStore`), the server
 * runs on it and leaves closing it to its owner.
 */
export async function startTestServer(
  config: ServerConfig = testConfig(),
  given?: Store,
): Promise<TestServer> {
  const store = given ?? (await openStore({ dataDir: 'memory' }));
  const app = buildServer({ store, config, logger: false });
  await app.ready();
  const admin = localContext('test-setup');
  const users = {} as TestServer['users'];
  const tokens = {} as TestServer['tokens'];
  for (const role of USER_ROLES) {
    const id = `${role.replace('_', '-')}.test`;
    users[role] = id;
    await app.services.users.create(admin, {
      id,
      displayName: `Test ${role}`,
      role,
      partyId: role === 'trader' ? TRADER_PARTY : null,
      password: PASSWORD,
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: id, password: PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login of ${id} failed: ${res.body}`);
    tokens[role] = res.json<{ token: string }>().token;
  }
  tokens.system = (await app.services.tokens.create(admin, { name: 'test-feed', scope: 'intake' })).token;
  return {
    app,
    store,
    tokens,
    users,
    as(role, opts) {
      const headers = { ...(opts.headers ?? {}) };
      if (role) headers.authorization = `Bearer ${tokens[role]}`;
      return app.inject({ ...opts, headers });
    },
    async close() {
      await app.close();
      if (!given) await store.close();
    },
  };
}

/** Stores records straight through the intake repository (test set-up, not under test). */
export async function seed(
  store: Store,
  records: {
    declarations?: ReturnType<typeof newDeclaration>[];
    inspections?: ReturnType<typeof newInspection>[];
  },
): Promise<void> {
  const runId = await store.intake.startRun({ source: 'test', format: 'json', actor: 'test' });
  await store.intake.writeBatch(
    runId,
    [
      ...(records.declarations ?? []).map((value) => ({ kind: 'declaration' as const, value })),
      ...(records.inspections ?? []).map((value) => ({ kind: 'inspection' as const, value })),
    ],
    [],
  );
  await store.intake.finishRun(runId, 'completed');
}
