import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AuditService } from '../src/services/audit.service.ts';
import { AuthService } from '../src/services/auth.service.ts';
import { localContext } from '../src/services/context.ts';
import { PasswordHasher } from '../src/services/secrets.ts';
import { startTestServer, type TestServer, testConfig } from './test-server.ts';

// The token cache in front of the database: one look-up for the requests that arrive together,
// renewal ahead of expiry for a token in use, and nothing trusted past SIEVE_AUTH_CACHE_SECONDS.
let t: TestServer;
let lookups = 0;
let clock = 0;
let auth: AuthService;
const config = testConfig({ authCacheSeconds: 5 });

before(async () => {
  t = await startTestServer(config);
  const tokens = t.store.apiTokens;
  const findLive = tokens.findLive.bind(tokens);
  // Counted, still answered by the real store.
  tokens.findLive = (digest) => {
    lookups++;
    return findLive(digest);
  };
});
after(() => t.close());

beforeEach(() => {
  lookups = 0;
  clock = 1_000_000;
  auth = new AuthService(
    t.store,
    config,
    new PasswordHasher(config.argon2),
    new AuditService(t.store),
    undefined,
    () => clock,
  );
});

/** Lets the look-ups started in the background finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('the token cache', () => {
  it('asks the database once for the requests that find no entry at the same time', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, () => auth.authenticate(t.tokens.system)));
    assert.equal(lookups, 1);
    assert.ok(answers.every((p) => p?.kind === 'token' && p.displayName === 'test-feed'));
    await auth.authenticate(t.tokens.system);
    assert.equal(lookups, 1, 'answered from the cache afterwards');
  });

  it('renews a token in use before its entry runs out, without making the request wait', async () => {
    await auth.authenticate(t.tokens.system);
    clock += 3_900; // more than a second before the end: not renewed yet
    await auth.authenticate(t.tokens.system);
    assert.equal(lookups, 1);
    clock += 200; // 900 ms left: renewed in the background, once however many ask
    const answers = await Promise.all([
      auth.authenticate(t.tokens.system),
      auth.authenticate(t.tokens.system),
    ]);
    assert.ok(answers.every((p) => p?.kind === 'token'));
    await settle();
    assert.equal(lookups, 2);
    clock += 2_000; // past the first entry's end, within the renewed one's
    await auth.authenticate(t.tokens.system);
    assert.equal(lookups, 2);
  });

  it('does not trust a token revoked elsewhere for longer than the cache time', async () => {
    const { token, apiToken } = await t.app.services.tokens.create(localContext('test'), {
      name: 'short-lived-feed',
      scope: 'intake',
    });
    assert.equal((await auth.authenticate(token))?.kind, 'token');
    // Revoked by another process: this one's cache is not told.
    await t.store.apiTokens.revoke(apiToken.id, 'test');
    clock += 4_999;
    assert.equal((await auth.authenticate(token))?.kind, 'token', 'still cached');
    await settle(); // the renewal began 1 s before the end reads the revocation
    clock += 2;
    assert.equal(await auth.authenticate(token), undefined);
  });

  it('keeps no answer of a look-up under way when the cache is forgotten', async () => {
    const under = auth.authenticate(t.tokens.system);
    auth.forgetCached(); // a user or token changed while the row was being read
    assert.equal((await under)?.kind, 'token');
    await auth.authenticate(t.tokens.system);
    assert.equal(lookups, 2, 'asked again: the first answer may predate the change');
  });

  it('asks the database on every request when the cache is off', async () => {
    const uncached = new AuthService(
      t.store,
      { ...config, authCacheSeconds: 0 },
      new PasswordHasher(config.argon2),
      new AuditService(t.store),
    );
    await Promise.all([uncached.authenticate(t.tokens.system), uncached.authenticate(t.tokens.system)]);
    assert.equal(lookups, 2);
  });
});
