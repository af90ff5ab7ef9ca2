import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newDeclaration, newInspection, newParty } from '@sieve/core';
import { seed, startTestServer, type TestServer, TRADER_PARTY } from './test-server.ts';

let t: TestServer;
before(async () => {
  t = await startTestServer();
  const other = newParty({ id: 'OTHER-IMP', name: 'Someone Else Ltd' });
  await seed(t.store, {
    declarations: [
      newDeclaration({ id: 'D-OWN-1', lodgedAt: '2026-03-01T09:00:00Z' }),
      newDeclaration({ id: 'D-OWN-1', version: 2, lodgedAt: '2026-03-01T09:00:00Z', office: 'KRINC01' }),
      newDeclaration({ id: 'D-OWN-2', lodgedAt: '2026-03-02T09:00:00Z' }),
      newDeclaration({ id: 'D-OTHER', lodgedAt: '2026-03-03T09:00:00Z', importer: other }),
    ],
    inspections: [
      newInspection({ id: 'I-1', declarationId: 'D-OWN-2', inspector: t.users.inspector }),
      newInspection({ id: 'I-2', declarationId: 'D-OTHER', inspector: 'someone.else' }),
    ],
  });
});
after(() => t.close());

describe('declarations for staff', () => {
  it('lists the latest version of each, newest lodged first, page by page', async () => {
    const first = await t.as('targeting_officer', { url: '/api/declarations?limit=2' });
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(
      first.json().items.map((d: { id: string }) => d.id),
      ['D-OTHER', 'D-OWN-2'],
    );
    const second = await t.as('targeting_officer', {
      url: `/api/declarations?limit=2&cursor=${first.json().nextCursor}`,
    });
    assert.deepEqual(
      second.json().items.map((d: { id: string; version: number }) => [d.id, d.version]),
      [['D-OWN-1', 2]],
    );
    assert.equal(second.json().nextCursor, null);
    const byOffice = await t.as('supervisor', { url: '/api/declarations?office=KRINC01' });
    assert.deepEqual(
      byOffice.json().items.map((d: { id: string }) => d.id),
      ['D-OWN-1'],
    );
  });

  it('names the bad query parameter', async () => {
    const res = await t.as('risk_analyst', { url: '/api/declarations?from=yesterday&limit=0' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      res.json().details.map((d: { in: string; field: string }) => `${d.in}.${d.field}`),
      ['querystring.from', 'querystring.limit'],
    );
  });

  it('shows one declaration with its versions and inspections, and audits the view with who and from where', async () => {
    const res = await t.as('targeting_officer', {
      url: '/api/declarations/D-OWN-2',
      headers: { 'user-agent': 'workbench-test/1.0', 'x-request-id': 'req-view-1' },
      remoteAddress: '10.1.2.3',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().declaration.id, 'D-OWN-2');
    assert.deepEqual(res.json().versions, [1]);
    assert.equal(res.json().inspections[0].id, 'I-1');
    const [entry] = (await t.store.auditSearch.search({ action: 'declaration.view', entityId: 'D-OWN-2' }))
      .entries;
    assert.equal(entry?.actor, t.users.targeting_officer);
    assert.equal(entry?.source, '10.1.2.3');
    assert.equal(entry?.details.userAgent, 'workbench-test/1.0');
    assert.equal(entry?.details.requestId, 'req-view-1');
    assert.equal(entry?.details.role, 'targeting_officer');
  });

  it('shows an older version when asked, and says when a declaration or version does not exist', async () => {
    const v1 = await t.as('risk_analyst', { url: '/api/declarations/D-OWN-1?version=1' });
    assert.equal(v1.json().declaration.office, 'KRPUS01');
    assert.deepEqual(v1.json().versions, [1, 2]);
    const none = await t.as('risk_analyst', { url: '/api/declarations/NOPE' });
    assert.equal(none.statusCode, 404);
    assert.equal(none.json().code, 'SIEVE_ERR_DECLARATION_NOT_FOUND');
    assert.equal(
      (await t.as('risk_analyst', { url: '/api/declarations/D-OWN-1?version=9' })).statusCode,
      404,
    );
  });
});

describe('inspectors', () => {
  it('reach the declarations they inspect and no other', async () => {
    assert.equal((await t.as('inspector', { url: '/api/declarations/D-OWN-2' })).statusCode, 200);
    const other = await t.as('inspector', { url: '/api/declarations/D-OTHER' });
    assert.equal(other.statusCode, 404, "another inspector's declaration is not even said to exist");
  });

  it('list and read their own results only', async () => {
    const mine = await t.as('inspector', { url: '/api/inspections' });
    assert.deepEqual(
      mine.json().map((r: { result: { id: string } }) => r.result.id),
      ['I-1'],
    );
    assert.equal((await t.as('inspector', { url: '/api/inspections/I-2' })).statusCode, 404);
    const all = await t.as('supervisor', { url: '/api/inspections' });
    assert.equal(all.json().length, 2);
  });

  it('record a result under their own name, audited; the declaration must exist and the id be new', async () => {
    const payload = {
      declarationId: 'D-OWN-2',
      startedAt: '2026-03-02T13:00:00Z',
      kind: 'physical',
      outcome: 'finding',
      findings: [{ type: 'revenue_adjustment', amount: 1250, currency: 'USD', reason: 'undervalued' }],
    };
    const res = await t.as('inspector', { method: 'POST', url: '/api/inspections', payload });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().inspector, t.users.inspector);
    assert.match(res.json().id, /^INS-/);
    const audit = await t.store.auditSearch.search({ action: 'inspection.record', entityId: res.json().id });
    assert.equal(audit.entries[0]?.actor, t.users.inspector);
    const dup = await t.as('inspector', {
      method: 'POST',
      url: '/api/inspections',
      payload: { ...payload, id: 'I-1' },
    });
    assert.equal(dup.statusCode, 409);
    const noDecl = await t.as('inspector', {
      method: 'POST',
      url: '/api/inspections',
      payload: { ...payload, declarationId: 'NOPE' },
    });
    assert.equal(noDecl.json().code, 'SIEVE_ERR_DECLARATION_NOT_FOUND');
    const notMine = await t.as('inspector', {
      method: 'POST',
      url: '/api/inspections',
      payload: { ...payload, declarationId: 'D-OTHER' },
    });
    assert.equal(notMine.statusCode, 404, 'neither assigned to this inspector nor inspected by them');
    const impostor = await t.as('inspector', {
      method: 'POST',
      url: '/api/inspections',
      payload: { ...payload, inspector: 'someone.else' },
    });
    assert.equal(impostor.statusCode, 403);
  });

  it('are told every field that is wrong in a result', async () => {
    const res = await t.as('inspector', {
      method: 'POST',
      url: '/api/inspections',
      payload: { declarationId: 'D-OWN-2', startedAt: 'soon', kind: 'sniff', outcome: 'found', colour: 1 },
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      res
        .json()
        .details.map((d: { field: string }) => d.field)
        .sort(),
      ['colour', 'kind', 'outcome', 'startedAt'],
    );
  });
});

describe('traders', () => {
  it('see the status of their own declarations only, without the risk level unless enabled', async () => {
    const list = await t.as('trader', { url: '/api/trader/declarations' });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(
      list.json().items.map((d: { id: string; status: string }) => [d.id, d.status]),
      [
        ['D-OWN-2', 'inspected'],
        ['D-OWN-1', 'received'],
      ],
    );
    assert.equal('riskLevel' in list.json().items[0], false);
    const own = await t.as('trader', { url: '/api/trader/declarations/D-OWN-1' });
    assert.equal(own.json().version, 2);
    assert.equal(Object.keys(own.json()).includes('declaration'), false);
    const other = await t.as('trader', { url: '/api/trader/declarations/D-OTHER' });
    assert.equal(other.statusCode, 404);
    assert.equal(TRADER_PARTY, newParty().id);
  });

  it('see the risk level field once an administrator enables it (audited with the reason)', async () => {
    const set = await t.as('administrator', {
      method: 'PATCH',
      url: '/api/settings',
      payload: { traderRiskVisible: true, reason: 'trusted trader programme' },
    });
    assert.equal(set.json().traderRiskVisible, true);
    const own = await t.as('trader', { url: '/api/trader/declarations/D-OWN-2' });
    assert.equal('riskLevel' in own.json(), true);
    const audit = await t.store.auditSearch.search({ action: 'settings.update' });
    assert.equal(audit.entries[0]?.reason, 'trusted trader programme');
    await t.as('administrator', {
      method: 'PATCH',
      url: '/api/settings',
      payload: { traderRiskVisible: false },
    });
  });
});
