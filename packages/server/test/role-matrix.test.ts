import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACCESS, type Access } from '../src/auth/access.ts';
import { ROLES, type Role } from '../src/auth/roles.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/**
 * The role matrix: for every endpoint in the ACCESS table and every role,
 * the role reaches the endpoint exactly when the table says so, and nobody
 * reaches anything but the public endpoints without logging in.
 *
 * "Reaches" means the request got past authentication and the role check:
 * the handler then answers whatever it answers (400 for the empty bodies
 * sent here, 404 for the made-up ids). Refused means 403 from the role
 * check itself (its details list the roles allowed).
 */
let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(() => t.close());

// Logging out ends the session the rest of the matrix uses: it goes last.
const endpoints = Object.entries(ACCESS as Record<string, Access>).sort(
  ([a], [b]) => Number(a.endsWith('/logout')) - Number(b.endsWith('/logout')),
);

function request(key: string) {
  const [method, path] = key.split(' ') as [string, string];
  const url = path.replace(/:\w+/g, '999999');
  const body = ['POST', 'PATCH', 'PUT'].includes(method) ? { payload: {} } : {};
  return { method: method as 'GET', url, ...body };
}

const allows = (access: Access, role: Role) => access !== 'public' && access.includes(role);

describe('role matrix', () => {
  it('has an ACCESS entry for every route the server registers, and a route for every entry', () => {
    const registered = [...t.app.routeAccess.keys()].sort();
    assert.deepEqual(registered, Object.keys(ACCESS).sort());
  });

  it('answers an unknown URL with 401 to strangers and 404 to people logged in', async () => {
    assert.equal((await t.as(null, { url: '/api/nothing-here' })).statusCode, 401);
    const res = await t.as('inspector', { url: '/api/nothing-here' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().code, 'SIEVE_ERR_ROUTE_NOT_FOUND');
  });

  it('keeps the API documentation behind a login', async () => {
    assert.equal((await t.as(null, { url: '/docs/json' })).statusCode, 401);
    assert.equal((await t.as(null, { url: '/docs' })).statusCode, 401);
    const res = await t.as('trader', { url: '/docs/json' });
    assert.equal(res.statusCode, 200);
    assert.ok(res.json().paths['/api/declarations']);
  });

  for (const [key, access] of endpoints) {
    it(`${key}: without a login, ${access === 'public' ? 'answers' : 'refuses with 401'}`, async () => {
      const res = await t.as(null, request(key));
      if (access === 'public') assert.notEqual(res.statusCode, 401, res.body);
      else {
        assert.equal(res.statusCode, 401, res.body);
        assert.equal(res.json().code, 'SIEVE_ERR_UNAUTHENTICATED');
      }
    });
    if (access === 'public') continue;
    for (const role of ROLES) {
      const expected = allows(access, role);
      it(`${key}: ${role} ${expected ? 'reaches it' : 'is refused'}`, async () => {
        const res = await t.as(role, request(key));
        const refusedByRole = res.statusCode === 403 && res.json().details?.allowed !== undefined;
        assert.notEqual(res.statusCode, 401, `${role}'s session must be live: ${res.body}`);
        assert.equal(refusedByRole, !expected, `${role} on ${key}: ${res.statusCode} ${res.body}`);
        if (!expected) assert.equal(res.json().code, 'SIEVE_ERR_FORBIDDEN');
      });
    }
  }

  it('lets the staff who read watchlists read a list policy, and only analysts and administrators set it', () => {
    // Pinned here as well as looped over above: a policy decides which declarations are controlled.
    assert.deepEqual(ACCESS['GET /api/watchlists/:listId/policy'], ACCESS['GET /api/watchlists']);
    assert.deepEqual(ACCESS['PUT /api/watchlists/:listId/policy'], ACCESS['POST /api/watchlists/import']);
    assert.deepEqual([...ACCESS['PUT /api/watchlists/:listId/policy']].sort(), [
      'administrator',
      'risk_analyst',
    ]);
  });

  it('lists only /health, /metrics and login as public', () => {
    const open = Object.entries(ACCESS)
      .filter(([, a]) => a === 'public')
      .map(([k]) => k)
      .sort();
    assert.deepEqual(open, ['GET /health', 'GET /metrics', 'POST /api/auth/login']);
  });
});
