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
/** Each look-up reads the row at once, then answers when this lets it. */
let gate: Promise<void> = Promise.resolve();
const config = testConfig({ authCacheSeconds: 5 });

before(async () => {
  t = await startTestServer(config);
  const tokens = t.store.apiTokens;
  const findLive = tokens.findLive.bind(tokens);
  // Counted, still answered by the real store.
  tokens.findLive = async (digest) => {
    lookups++;
    const found = await findLive(digest);
    await gate;
    return found;
  };
});
after(() => t.close());

beforeEach(() => {
  lookups = 0;
  clock = 1_000_000;
  gate = Promise.resolve();
  auth = new AuthService(
    t.store,
    config,
    new PasswordHasher(config.argon2),
    new AuditService(t.store),
    undefined,
    () => clock,
  );
});

/** Holds every look-up's answer until the returned function is called. */
function holdAnswers(): () => void {
  let open!: () => void;
  gate = new Promise((resolve) => {
    open = resolve;
  });
  return open;
}

/** Lets the look-ups started in the background finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

async function newFeedToken(name: string): Promise<{ token: string; id: number }> {
  const { token, apiToken } = await t.app.services.tokens.create(localContext('test'), {
    name,
    scope: 'intake',
  });
  return { token, id: apiToken.id };
}

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
    const release = holdAnswers();
    const answered = await Promise.race([
      Promise.all([auth.authenticate(t.tokens.system), auth.authenticate(t.tokens.system)]),
      new Promise((resolve) => setTimeout(() => resolve('waited for the renewal'), 1_000)),
    ]);
    assert.ok(Array.isArray(answered), String(answered));
    assert.ok(answered.every((p) => p?.kind === 'token'));
    assert.equal(lookups, 2);
    release();
    await settle();
    clock += 2_000; // past the first entry's end, within the renewed one's
    await auth.authenticate(t.tokens.system);
    assert.equal(lookups, 2);
  });

  it('does not trust a token revoked elsewhere once its entry has run out', async () => {
    const { token, id } = await newFeedToken('revoked-elsewhere');
    assert.equal((await auth.authenticate(token))?.kind, 'token');
    // Revoked by another process: this one's cache is not told.
    await t.store.apiTokens.revoke(id, 'test');
    clock += 3_999;
    assert.equal((await auth.authenticate(token))?.kind, 'token', 'still cached');
    assert.equal(lookups, 1);
    clock += 1_002; // past the end, with no request in the last second to renew it
    assert.equal(await auth.authenticate(token), undefined);
    assert.equal(lookups, 2);
  });

  it("counts an entry's time from when its look-up began, not when it answered", async () => {
    const release = holdAnswers();
    const first = auth.authenticate(t.tokens.system);
    clock += 3_000; // a slow database
    release();
    assert.equal((await first)?.kind, 'token');
    clock += 2_001; // 5,001 ms after the look-up began
    await auth.authenticate(t.tokens.system);
    assert.equal(lookups, 2);
  });

  it('neither keeps nor shares a look-up under way when the cache is forgotten', async () => {
    const { token, id } = await newFeedToken('revoked-here');
    const release = holdAnswers();
    const before = auth.authenticate(token);
    await settle(); // it has read the row, from before the revocation, and waits to answer
    gate = Promise.resolve();
    await t.store.apiTokens.revoke(id, 'test');
    auth.forgetCached(); // as the token service does after revoking
    const after = auth.authenticate(token);
    assert.equal(lookups, 2, 'a look-up of its own, not the one begun before');
    assert.equal(await after, undefined);
    release(); // the older look-up answers last
    assert.equal((await before)?.kind, 'token');
    assert.equal(await auth.authenticate(token), undefined, 'the older answer was not kept');
    assert.equal(lookups, 2);
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
