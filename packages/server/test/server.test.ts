import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { newDeclaration } from '@sieve/core';
import type { Store } from '@sieve/store';
import { activateRules } from '../../pipeline/test/three-layers-fixtures.ts';
import { ACCESS } from '../src/auth/access.ts';
import { ConfigError, loadConfig } from '../src/config/config.ts';
import { ERRORS } from '../src/errors/catalogue.ts';
import { buildServer } from '../src/server.ts';
import { startTestServer, type TestServer, testConfig } from './test-server.ts';

let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(() => t.close());

const docs = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');
const rows = (re: RegExp) => [...docs.matchAll(re)].map((m) => [m[1]!, m[2]!.trim()]);

describe('documentation', () => {
  it('lists exactly the error catalogue, with its statuses (docs/api.md)', () => {
    const documented = rows(/^\| `(SIEVE_ERR_[A-Z_]+)` \| (\d+) \|/gm);
    const catalogue = Object.entries(ERRORS).map(([code, e]) => [code, String(e.status)]);
    assert.deepEqual(documented.sort(), catalogue.sort());
  });

  it('lists exactly the role table (docs/api.md)', () => {
    const documented = rows(/^\| `((?:GET|POST|PATCH|PUT|DELETE) \/[^`]*)` \| ([^|]+) \|/gm);
    const table = Object.entries(ACCESS).map(([k, a]) => [k, a === 'public' ? 'public' : a.join(', ')]);
    assert.deepEqual(documented.sort(), table.sort());
  });

  it('describes every endpoint in OpenAPI with its roles, and the public ones without security', async () => {
    const spec = (await t.as('supervisor', { url: '/docs/json' })).json();
    for (const [key, access] of Object.entries(ACCESS)) {
      if (key === 'GET /metrics') continue; // Prometheus text, not part of the API description
      const [method, path] = key.split(' ') as [string, string];
      const op = spec.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
      assert.ok(op, `${key} is in /docs/json`);
      if (access === 'public') assert.deepEqual(op.security, []);
      else assert.deepEqual(op['x-roles'], [...access], key);
    }
  });
});

describe('configuration', () => {
  it('has defaults, and is frozen', () => {
    const c = loadConfig({});
    assert.deepEqual([c.host, c.port, c.lockoutAttempts, c.sessionHours], ['127.0.0.1', 8080, 5, 8]);
    assert.ok(Object.isFrozen(c) && Object.isFrozen(c.argon2));
  });

  it('names every bad variable at once', () => {
    assert.throws(
      () =>
        loadConfig({
          SIEVE_PORT: 'eighty',
          SIEVE_LOCKOUT_ATTEMPTS: '0',
          SIEVE_TRUST_PROXY: 'maybe',
          SIEVE_HOST: 'ok',
        }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.deepEqual(
          err.problems.map((p) => p.split('=')[0]),
          ['SIEVE_PORT', 'SIEVE_LOCKOUT_ATTEMPTS', 'SIEVE_TRUST_PROXY'],
        );
        assert.match(err.message, /SIEVE_ERR_CONFIG/);
        return true;
      },
    );
  });
});

describe('errors', () => {
  it('answers an unexpected failure with 500 and the request id, never the message or the stack', async () => {
    const broken: Store = {
      ...t.store,
      declarations: Object.assign(
        Object.create(Object.getPrototypeOf(t.store.declarations)),
        t.store.declarations,
        {
          get: async () => {
            throw new Error('connection to 10.0.0.9 lost at pg-pool.js:42 password=hunter2');
          },
        },
      ),
    };
    const app = buildServer({ store: broken, config: testConfig(), logger: false });
    try {
      await app.ready();
      const res = await app.inject({
        url: '/api/declarations/X',
        headers: { authorization: `Bearer ${t.tokens.supervisor}`, 'x-request-id': 'trace-me-1' },
      });
      assert.equal(res.statusCode, 500);
      const body = res.json();
      assert.deepEqual([body.code, body.requestId], ['SIEVE_ERR_INTERNAL', 'trace-me-1']);
      assert.equal(res.headers['x-request-id'], 'trace-me-1');
      assert.doesNotMatch(res.body, /hunter2|pg-pool|10\.0\.0\.9|at /);
    } finally {
      await app.close();
    }
  });

  it('refuses a body that is not JSON, and names a missing field', async () => {
    const notJson = await t.as('administrator', {
      method: 'POST',
      url: '/api/users',
      headers: { 'content-type': 'application/json' },
      payload: '{"id": ',
    });
    assert.equal(notJson.json().code, 'SIEVE_ERR_BAD_JSON');
    const missing = await t.as('administrator', {
      method: 'POST',
      url: '/api/users',
      payload: { id: 'abc' },
    });
    assert.deepEqual(missing.json().details[0], {
      in: 'body',
      field: 'displayName',
      expected: 'a value (the field is required)',
    });
  });
});

describe('health and metrics', () => {
  it("answers /health without a login, with the store's latency", async () => {
    const res = await t.as(null, { url: '/health' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, 'ok');
    assert.equal(res.json().store.kind, 'pglite');
  });

  it('exposes request timings by route (not by URL), logins and audit entries in Prometheus format', async () => {
    await t.as('supervisor', { url: '/api/declarations/ANY-1' });
    const res = await t.as(null, { url: '/metrics' });
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    assert.match(
      res.body,
      /sieve_http_request_duration_seconds_count\{method="GET",route="\/api\/declarations\/:id",status_code="404"\} 1/,
    );
    assert.match(res.body, /sieve_logins_total\{outcome="ok"\} 6/);
    assert.match(res.body, /sieve_process_cpu_user_seconds_total/);
    assert.doesNotMatch(res.body, /ANY-1/);
  });

  it('shows how long each batch of requests took to be written and how many it held, by writer', async () => {
    await activateRules(t.store); // assessments need an active ruleset
    const metric = async (name: string, writer: string) => {
      const text = (await t.as(null, { url: '/metrics' })).body;
      const m = new RegExp(`^${name}\\{writer="${writer}"\\} (\\S+)$`, 'm').exec(text);
      return m ? Number(m[1]) : 0;
    };
    const [batches, requests, seconds] = await Promise.all([
      metric('sieve_store_batch_seconds_count', 'assessment'),
      metric('sieve_store_batch_requests_sum', 'assessment'),
      metric('sieve_store_batch_seconds_sum', 'assessment'),
    ]);
    const sent = ['M-1', 'M-2', 'M-3'].map((id) =>
      t.as('system', { method: 'POST', url: '/api/assessments', payload: newDeclaration({ id }) }),
    );
    for (const res of await Promise.all(sent)) assert.equal(res.statusCode, 201, res.body);
    const written = (await metric('sieve_store_batch_seconds_count', 'assessment')) - batches;
    assert.ok(written >= 1 && written <= 3, `${written} batches`);
    assert.equal((await metric('sieve_store_batch_requests_sum', 'assessment')) - requests, 3);
    assert.ok((await metric('sieve_store_batch_seconds_sum', 'assessment')) > seconds);
    const intakeBefore = await metric('sieve_store_batch_requests_sum', 'intake');
    const single = await t.as('system', {
      method: 'POST',
      url: '/api/intake',
      payload: newDeclaration({ id: 'M-4' }),
    });
    assert.equal(single.statusCode, 201, single.body);
    assert.equal((await metric('sieve_store_batch_requests_sum', 'intake')) - intakeBefore, 1);
  });
});

describe("the workbench's files", () => {
  let dir: string;
  let app: ReturnType<typeof buildServer>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sieve-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Sieve</title>');
    writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log(1)');
    app = buildServer({ store: t.store, config: testConfig(), logger: false, webRoot: dir });
    await app.ready();
  });
  after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the app without a login: the page uncached, hashed assets for good', async () => {
    const page = await app.inject({ url: '/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<title>Sieve/);
    assert.equal(page.headers['cache-control'], 'no-cache');
    const asset = await app.inject({ url: '/assets/app-1a2b.js' });
    assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it("answers the app's own routes with its page, and keeps API paths behind the login", async () => {
    const deep = await app.inject({ url: '/declarations/D-1', headers: { accept: 'text/html' } });
    assert.equal(deep.statusCode, 200);
    assert.match(deep.body, /<title>Sieve/);
    assert.equal(
      (await app.inject({ url: '/api/nothing', headers: { accept: 'text/html' } })).statusCode,
      401,
    );
    const known = await app.inject({
      url: '/api/nothing',
      headers: { authorization: `Bearer ${t.tokens.inspector}` },
    });
    assert.equal(known.json().code, 'SIEVE_ERR_ROUTE_NOT_FOUND');
    assert.equal((await app.inject({ url: '/api/declarations' })).statusCode, 401);
    assert.equal((await app.inject({ url: '/docs/json' })).statusCode, 401);
    assert.equal((await app.inject({ url: '/missing.png' })).statusCode, 404);
  });
});
