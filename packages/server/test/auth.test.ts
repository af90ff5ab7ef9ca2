import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SESSION_COOKIE } from '../src/plugins/auth.plugin.ts';
import { localContext } from '../src/services/context.ts';
import { PASSWORD, startTestServer, type TestServer, testConfig } from './test-server.ts';

let t: TestServer;
before(async () => {
  t = await startTestServer(testConfig({ lockoutAttempts: 3, lockoutMinutes: 10 }));
});
after(() => t.close());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

async function newUser(id: string, role: 'inspector' | 'risk_analyst' = 'inspector') {
  await t.app.services.users.create(localContext('test'), { id, displayName: id, role, password: PASSWORD });
}

describe('login and sessions', () => {
  it('answers a token that works as a bearer token and as the HttpOnly session cookie', async () => {
    await newUser('cookie.user');
    const res = await login('cookie.user', PASSWORD);
    assert.equal(res.statusCode, 200);
    const { token, user } = res.json();
    assert.equal(user.role, 'inspector');
    assert.equal(user.passwordHash, undefined);
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, new RegExp(`^${SESSION_COOKIE}=${token};`));
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const byBearer = await t.app.inject({
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(byBearer.json().id, 'cookie.user');
    const byCookie = await t.app.inject({ url: '/api/auth/me', cookies: { [SESSION_COOKIE]: token } });
    assert.equal(byCookie.json().role, 'inspector');
  });

  it('gives the same answer for an unknown user and a wrong password, and audits both', async () => {
    const unknown = await login('nobody.here', PASSWORD);
    const wrong = await login('inspector.test', 'not-the-password');
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.json().code, 'SIEVE_ERR_BAD_CREDENTIALS');
    assert.equal(unknown.json().message, wrong.json().message);
    const failed = await t.store.auditSearch.search({ action: 'auth.login_failed' });
    assert.deepEqual(new Set(failed.entries.map((e) => e.actor)), new Set(['nobody.here', 'inspector.test']));
  });

  it('locks an account after the configured failures in a row, even for the right password, until unlocked', async () => {
    await newUser('lock.me');
    assert.equal((await login('lock.me', 'wrong-1')).statusCode, 401);
    assert.equal((await login('lock.me', 'wrong-2')).statusCode, 401);
    const third = await login('lock.me', 'wrong-3');
    assert.equal(third.statusCode, 423);
    assert.equal(third.json().code, 'SIEVE_ERR_ACCOUNT_LOCKED');
    assert.ok(Number(third.headers['retry-after']) > 500);
    const right = await login('lock.me', PASSWORD);
    assert.equal(right.statusCode, 423, 'the right password does not open a locked account');
    const lockouts = await t.store.auditSearch.search({ action: 'auth.lockout', actor: 'lock.me' });
    assert.equal(lockouts.entries.length, 1);
    const unlock = await t.as('administrator', { method: 'POST', url: '/api/users/lock.me/unlock' });
    assert.equal(unlock.statusCode, 200);
    assert.equal((await login('lock.me', PASSWORD)).statusCode, 200);
  });

  it('counts failures in a row only: a successful login starts the count again', async () => {
    await newUser('careful.user');
    await login('careful.user', 'wrong-1');
    await login('careful.user', 'wrong-2');
    assert.equal((await login('careful.user', PASSWORD)).statusCode, 200);
    await login('careful.user', 'wrong-3');
    assert.equal((await login('careful.user', PASSWORD)).statusCode, 200);
  });

  it('ends the session at logout, for the bearer token and the cookie', async () => {
    await newUser('leaving.user');
    const { token } = (await login('leaving.user', PASSWORD)).json();
    const headers = { authorization: `Bearer ${token}` };
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers });
    assert.equal(out.statusCode, 204);
    assert.match(String(out.headers['set-cookie']), new RegExp(`${SESSION_COOKIE}=;`));
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers })).statusCode, 401);
    assert.equal(
      (await t.app.inject({ url: '/api/auth/me', cookies: { [SESSION_COOKIE]: token } })).statusCode,
      401,
    );
  });

  it('refuses a disabled account at once, and its sessions with it', async () => {
    await newUser('gone.user');
    const { token } = (await login('gone.user', PASSWORD)).json();
    const headers = { authorization: `Bearer ${token}` };
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers })).statusCode, 200);
    const res = await t.as('administrator', {
      method: 'PATCH',
      url: '/api/users/gone.user',
      payload: { disabled: true },
    });
    assert.equal(res.json().disabled, true);
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers })).statusCode, 401);
    assert.equal((await login('gone.user', PASSWORD)).statusCode, 401);
  });

  it('takes away the old role at once when an administrator changes it', async () => {
    await newUser('moving.user', 'risk_analyst');
    const { token } = (await login('moving.user', PASSWORD)).json();
    await t.as('administrator', {
      method: 'PATCH',
      url: '/api/users/moving.user',
      payload: { role: 'inspector' },
    });
    const res = await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.statusCode, 401, 'the session held under the old role is over');
    const again = (await login('moving.user', PASSWORD)).json();
    assert.equal(again.user.role, 'inspector');
  });

  it('lets a user change their own password, keeping this session and ending the others', async () => {
    await newUser('rotating.user');
    const first = (await login('rotating.user', PASSWORD)).json().token;
    const second = (await login('rotating.user', PASSWORD)).json().token;
    const headers = { authorization: `Bearer ${first}` };
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers,
      payload: { currentPassword: 'nope', newPassword: 'a-new-long-password' },
    });
    assert.equal(wrong.json().code, 'SIEVE_ERR_WRONG_PASSWORD');
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers,
      payload: { currentPassword: PASSWORD, newPassword: 'short' },
    });
    assert.equal(short.json().code, 'SIEVE_ERR_WEAK_PASSWORD');
    assert.equal(short.json().details[0].field, 'password');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers,
      payload: { currentPassword: PASSWORD, newPassword: 'a-new-long-password' },
    });
    assert.equal(ok.statusCode, 204);
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers })).statusCode, 200);
    const other = await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${second}` } });
    assert.equal(other.statusCode, 401);
    assert.equal((await login('rotating.user', 'a-new-long-password')).statusCode, 200);
  });

  it('refuses tokens that are made up, malformed or in the wrong header', async () => {
    for (const authorization of ['Bearer sieve_s_madeup', 'Bearer nonsense', 'Basic abc', 'Bearer']) {
      const res = await t.app.inject({ url: '/api/auth/me', headers: { authorization } });
      assert.equal(res.statusCode, 401, authorization);
    }
  });
});

describe('accounts', () => {
  it('creates an account with a valid id and role, and refuses a taken id or a weak password', async () => {
    const create = (payload: object) => t.as('administrator', { method: 'POST', url: '/api/users', payload });
    const ok = await create({
      id: 'new.analyst',
      displayName: 'New',
      role: 'risk_analyst',
      password: PASSWORD,
    });
    assert.equal(ok.statusCode, 201);
    const again = await create({
      id: 'new.analyst',
      displayName: 'New',
      role: 'risk_analyst',
      password: PASSWORD,
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'SIEVE_ERR_USER_EXISTS');
    const weak = await create({
      id: 'weak.one',
      displayName: 'W',
      role: 'inspector',
      password: 'weak.one-123',
    });
    assert.equal(weak.json().code, 'SIEVE_ERR_WEAK_PASSWORD');
    const bad = await create({ id: 'Bad Id', displayName: 'B', role: 'emperor', password: PASSWORD });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad.json().details.map((d: { field: string }) => d.field),
      ['id', 'role'],
    );
    const trader = await create({ id: 'a.trader', displayName: 'T', role: 'trader', password: PASSWORD });
    assert.equal(trader.json().details[0].field, 'partyId');
    const audit = await t.store.auditSearch.search({ action: 'user.create', entityId: 'new.analyst' });
    assert.equal(audit.entries[0]?.actor, t.users.administrator);
  });

  it('makes an API token that is shown once, works for intake only, and stops at revocation', async () => {
    const made = await t.as('administrator', {
      method: 'POST',
      url: '/api/tokens',
      payload: { name: 'port-feed' },
    });
    assert.equal(made.statusCode, 201);
    const { token, apiToken } = made.json();
    assert.match(token, /^sieve_t_/);
    const listed = await t.as('administrator', { url: '/api/tokens' });
    assert.ok(!listed.body.includes(token), 'the token is never listed');
    const headers = { authorization: `Bearer ${token}` };
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers })).json().id, 'token:port-feed');
    assert.equal((await t.app.inject({ url: '/api/declarations', headers })).statusCode, 403);
    const revoked = await t.as('administrator', {
      method: 'DELETE',
      url: `/api/tokens/${apiToken.id}?reason=feed%20retired`,
    });
    assert.equal(revoked.json().revokedBy, t.users.administrator);
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers })).statusCode, 401);
    const audit = await t.store.auditSearch.search({ action: 'token.revoke' });
    assert.equal(audit.entries[0]?.reason, 'feed retired');
  });
});
