import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { newDeclaration } from '@sieve/core';
import { newRule } from '@sieve/core/rules';
import { openStore, type Store } from '@sieve/store';
import { ModelRepository } from '@sieve/store/model';
import {
  activateModel,
  activateRules,
  registerUnusableModel,
} from '../../pipeline/test/three-layers-fixtures.ts';
import { startTestServer, type TestServer } from './test-server.ts';

describe('the assessment snapshot: loaded ahead, reloaded on activation, refused with a code', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  it('says it could not load while no ruleset is active, and the first assessment reports why', async () => {
    assert.equal(await t.app.services.assessments.warm(), false);
    const res = await t.as('system', { method: 'POST', url: '/api/assessments', payload: newDeclaration() });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, 'SIEVE_ERR_NO_ACTIVE_RULESET');
  });

  it('loads the active ruleset ahead of the first assessment once one is active', async () => {
    await activateRules(t.store);
    assert.equal(await t.app.services.assessments.warm(), true);
  });

  it('answers exactly the fields its schema documents, assessed (201) and duplicate (200)', async () => {
    const spec = t.app.swagger() as { components: { schemas: Record<string, { properties: object }> } };
    const documented = Object.keys(spec.components.schemas.AssessmentResult!.properties).sort();
    assert.deepEqual(documented, ['assessment', 'explanation', 'outcome']);
    for (const [status, outcome] of [
      [201, 'assessed'],
      [200, 'duplicate'],
    ] as const) {
      const res = await t.as('system', {
        method: 'POST',
        url: '/api/assessments',
        payload: newDeclaration({ id: 'W-FIELDS' }),
      });
      assert.equal(res.statusCode, status, res.body);
      const body = res.json();
      assert.deepEqual(Object.keys(body).sort(), documented);
      assert.equal(body.outcome, outcome);
      assert.equal(body.assessment.declarationId, 'W-FIELDS');
      assert.ok(body.explanation.length > 0);
    }
  });

  it('uses a model activated over HTTP from the next assessment on, without waiting for the version check', async () => {
    const registry = new ModelRepository(t.store.sql);
    // A model activated outside the server is seen at the next version check (every 10 s); W-0 loads
    // a snapshot with it or without it, and the one activated over HTTP must replace that at once.
    await activateModel(t.store);
    const before = await t.as('system', {
      method: 'POST',
      url: '/api/assessments',
      payload: newDeclaration({ id: 'W-0' }),
    });
    assert.equal(before.statusCode, 201, before.body);
    const text = await registry.activeModelJson();
    const v2 = await registry.register(`${text!} `, JSON.parse(text!), 'test');
    const act = await t.as('risk_analyst', {
      method: 'POST',
      url: `/api/models/${v2.id}/activate`,
      payload: { reason: 'retrained' },
    });
    assert.equal(act.statusCode, 200, act.body);
    const res = await t.as('system', {
      method: 'POST',
      url: '/api/assessments',
      payload: newDeclaration({ id: 'W-1' }),
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.match(res.json().assessment.model.version, new RegExp(`^${v2.id}:`));
  });

  it('answers an unusable active model with SIEVE_ERR_MODEL_UNUSABLE, not a server error', async () => {
    const v = { id: await registerUnusableModel(t.store) };
    const act = await t.as('risk_analyst', {
      method: 'POST',
      url: `/api/models/${v.id}/activate`,
      payload: { reason: 'an old model' },
    });
    assert.equal(act.statusCode, 200, act.body);
    const res = await t.as('system', {
      method: 'POST',
      url: '/api/assessments',
      payload: newDeclaration({ id: 'W-2' }),
    });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, 'SIEVE_ERR_MODEL_UNUSABLE');
    assert.match(res.json().message, new RegExp(`active model ${v.id} `));
  });
});

describe('the body of an assessment request', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
    await activateRules(t.store);
  });
  after(() => t.close());

  it('is refused as not JSON when it is not, and quarantined with its reasons when it is not a declaration', async () => {
    const notJson = await t.as('system', {
      method: 'POST',
      url: '/api/assessments',
      headers: { 'content-type': 'application/json' },
      payload: '{"id": ',
    });
    assert.equal(notJson.statusCode, 400, notJson.body);
    assert.equal(notJson.json().code, 'SIEVE_ERR_BAD_JSON');
    const bad = await t.as('system', {
      method: 'POST',
      url: '/api/assessments',
      payload: { ...newDeclaration({ id: 'BODY-1' }), lodgedAt: 'yesterday' },
    });
    assert.equal(bad.statusCode, 422, bad.body);
    assert.equal(bad.json().code, 'SIEVE_ERR_RECORD_QUARANTINED');
    assert.ok(bad.json().details.errors.some((e: { field: string }) => e.field === 'lodgedAt'));
  });

  it('stores the declaration sent, field for field', async () => {
    const d = newDeclaration({ id: 'BODY-2' });
    const res = await t.as('system', {
      method: 'POST',
      url: '/api/assessments',
      payload: JSON.stringify(d),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(await t.store.declarations.get('BODY-2'), d);
  });
});

describe('real-time assessment on PGlite in a worker thread, as sieve serve runs it', () => {
  let t: TestServer;
  let dir: string;
  let store: Store;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sieve-serve-worker-'));
    store = await openStore({ dataDir: join(dir, 'db'), pgliteThread: 'worker' });
    await activateRules(store);
    t = await startTestServer(undefined, store);
  });
  after(async () => {
    await t.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores what arrives together through the database thread, each with its own answer, and a repeat once', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `WK-${i}`);
    const send = (id: string) =>
      t.as('system', { method: 'POST', url: '/api/assessments', payload: newDeclaration({ id }) });
    const answers = await Promise.all([...ids.map(send), send('WK-0')]);
    assert.deepEqual(
      answers.map((a) => a.statusCode).sort(),
      [...Array(12).fill(201), 200].sort(),
      answers.map((a) => a.body).join('\n'),
    );
    assert.deepEqual(
      answers.slice(0, 12).map((a) => a.json().assessment.declarationId),
      ids,
    );
    const [n] = await store.sql.query<{ d: number; a: number; audit: number }>(
      `SELECT (SELECT count(*)::int FROM declarations WHERE id LIKE 'WK-%') AS d,
              (SELECT count(*)::int FROM assessments WHERE declaration_id LIKE 'WK-%') AS a,
              (SELECT count(*)::int FROM audit_log WHERE action = 'assessment.create' AND entity_id LIKE 'WK-%') AS audit`,
    );
    assert.deepEqual(n, { d: 12, a: 12, audit: 12 });
    // Stored whole, with the evidence of each rule that fired (written out before the batch goes to the database thread).
    const [row] = await store.sql.query<{ doc: { rules: { evidence: unknown[] }[] } | string }>(
      `SELECT doc FROM assessments WHERE declaration_id = 'WK-3'`,
    );
    const doc = typeof row?.doc === 'string' ? JSON.parse(row.doc) : row?.doc;
    assert.ok(doc.rules.length > 0 && doc.rules.every((r: { evidence: unknown[] }) => r.evidence.length > 0));
  });
});

describe('reloading the assessment snapshot', () => {
  let t: TestServer;
  let historyLoads = 0;
  before(async () => {
    t = await startTestServer();
    // Only a ruleset: the policy is the default one the first load makes.
    const { version } = await t.store.rulesets.createDraft({
      name: 't3',
      rules: [newRule({ id: 'T3-ANY', points: 5 })],
      lists: [],
      actor: 'test',
      reason: 'test',
    });
    await t.store.rulesets.activate('t3', version.version, 'test', 'test');
    const read = t.store.declarations.inLodgementOrder.bind(t.store.declarations);
    t.store.declarations.inLodgementOrder = (...a: Parameters<typeof read>) => {
      historyLoads++;
      return read(...a);
    };
  });
  after(() => {
    mock.timers.reset();
    return t.close();
  });

  it('does not load again at the next check because the first load made the default policy', async () => {
    mock.timers.enable({ apis: ['Date'], now: Date.now() });
    assert.equal(await t.app.services.assessments.warm(), true);
    assert.equal(historyLoads, 1);
    mock.timers.tick(11_000); // past the version check
    const res = await t.as('system', {
      method: 'POST',
      url: '/api/assessments',
      payload: newDeclaration({ id: 'RL-1' }),
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(historyLoads, 1, 'the trading history was read once');
  });

  it('keeps the trading history when another ruleset version is activated, and assesses with the new one', async () => {
    const { version } = await t.store.rulesets.createDraft({
      name: 't3',
      rules: [newRule({ id: 'T3-ANY', points: 7 })],
      lists: [],
      actor: 'test',
      reason: 'test',
      parentVersion: 1,
    });
    await t.store.rulesets.activate('t3', version.version, 'test', 'test');
    t.app.services.assessments.invalidate(); // as an activation through the server does
    const res = await t.as('system', {
      method: 'POST',
      url: '/api/assessments',
      payload: newDeclaration({ id: 'RL-2' }),
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().assessment.versions.ruleset, `t3@${version.version}`);
    assert.equal(historyLoads, 1, 'the trading history was kept');
  });
});
