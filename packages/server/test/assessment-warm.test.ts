import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { activateRules } from '../../pipeline/test/three-layers-fixtures.ts';
import { startTestServer, type TestServer } from './test-server.ts';

describe('loading the assessment snapshot before the first request', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  it('says it could not while no ruleset is active, and the first assessment reports why', async () => {
    assert.equal(await t.app.services.assessments.warm(), false);
    const res = await t.as('system', { method: 'POST', url: '/api/assessments', payload: {} });
    assert.notEqual(res.statusCode, 201);
  });

  it('loads the active ruleset once one is active', async () => {
    await activateRules(t.store);
    assert.equal(await t.app.services.assessments.warm(), true);
  });
});
