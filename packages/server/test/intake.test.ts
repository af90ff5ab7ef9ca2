import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newDeclaration, newInspection, newParty } from '@sieve/core';
import { startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(() => t.close());

describe('intake over HTTP', () => {
  it('accepts a declaration once: the second time it is a duplicate, stored once', async () => {
    const d = newDeclaration({ id: 'HTTP-1' });
    const first = await t.as('system', { method: 'POST', url: '/api/intake', payload: d });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().outcome, 'accepted');
    const again = await t.as('system', { method: 'POST', url: '/api/intake', payload: d });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().outcome, 'duplicate');
    assert.equal((await t.store.declarations.get('HTTP-1'))?.office, d.office);
    const run = await t.as('system', { url: `/api/intake/runs/${first.json().runId}` });
    assert.deepEqual([run.json().read, run.json().inserted, run.json().actor], [1, 1, 'token:test-feed']);
  });

  it('quarantines a record that does not validate and says which fields and why (422)', async () => {
    const bad = { ...newDeclaration({ id: 'HTTP-BAD' }), currency: 'XXQ', colour: 'red' };
    const res = await t.as('system', { method: 'POST', url: '/api/intake', payload: bad });
    assert.equal(res.statusCode, 422);
    const body = res.json();
    assert.equal(body.code, 'SIEVE_ERR_RECORD_QUARANTINED');
    assert.deepEqual(body.details.errors.map((e: { field: string }) => e.field).sort(), [
      'colour',
      'currency',
    ]);
    const q = await t.as('administrator', { url: `/api/intake/runs/${body.details.runId}/quarantine` });
    assert.equal(q.statusCode, 200);
    assert.equal(q.json()[0].raw, JSON.stringify(bad), 'the raw record is kept as sent');
    const views = await t.store.auditSearch.search({ action: 'quarantine.view' });
    assert.equal(views.entries[0]?.entityId, String(body.details.runId));
  });

  it('takes an inspection result when the record says what it is', async () => {
    await t.as('system', { method: 'POST', url: '/api/intake', payload: newDeclaration({ id: 'HTTP-2' }) });
    const res = await t.as('system', {
      method: 'POST',
      url: '/api/intake',
      payload: { record: 'inspection', ...newInspection({ id: 'HTTP-INS-2', declarationId: 'HTTP-2' }) },
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal((await t.store.declarations.inspections('HTTP-2')).length, 1);
  });

  it('answers a party record sent with a declaration naming that party as the run counts it', async () => {
    const party = newParty({ id: 'KR-HTTP-PARTY', name: 'Http Party Co' });
    // Sent together, so that one batch writes both: the declaration first, which stores the party.
    const [decl, rec] = await Promise.all([
      t.as('system', {
        method: 'POST',
        url: '/api/intake',
        payload: newDeclaration({ id: 'HTTP-P', importer: party }),
      }),
      t.as('system', { method: 'POST', url: '/api/intake', payload: { record: 'party', ...party } }),
    ]);
    assert.equal(decl.json().runId, rec.json().runId, 'one batch');
    const run = (await t.as('system', { url: `/api/intake/runs/${rec.json().runId}` })).json();
    assert.equal(run.duplicates, 1, 'the run counts the party record as already stored');
    assert.equal(rec.json().outcome, 'duplicate');
  });

  it('takes a JSON array: counts read = accepted + quarantined, and lists what was held back', async () => {
    const records = [
      newDeclaration({ id: 'ARR-1' }),
      newDeclaration({ id: 'ARR-2' }),
      { ...newDeclaration({ id: 'ARR-3' }), items: [] },
      newDeclaration({ id: 'ARR-1' }),
    ];
    const res = await t.as('administrator', { method: 'POST', url: '/api/intake/batch', payload: records });
    assert.equal(res.statusCode, 200, res.body);
    const { run, quarantined } = res.json();
    assert.deepEqual(
      [run.read, run.accepted, run.inserted, run.duplicates, run.quarantined],
      [4, 3, 2, 1, 1],
    );
    assert.equal(quarantined[0].recordNo, 3);
    assert.equal(quarantined[0].reasons[0].field, 'items');
  });

  it('streams NDJSON line by line, with a bad line quarantined and the rest kept', async () => {
    // As a Windows tool writes it: a byte order mark first, lines ending in CR LF; blank lines are no records.
    const lines = `\uFEFF${[
      JSON.stringify(newDeclaration({ id: 'ND-1' })),
      '{"id": "ND-2", oops',
      '',
      ' \t',
      JSON.stringify(newDeclaration({ id: 'ND-3' })),
    ].join('\r\n')}`;
    const res = await t.as('system', {
      method: 'POST',
      url: '/api/intake/batch',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: lines,
    });
    assert.equal(res.statusCode, 200, res.body);
    const { run, quarantined } = res.json();
    assert.deepEqual([run.read, run.inserted, run.quarantined], [3, 2, 1]);
    assert.equal(quarantined[0].reasons[0].field, '(record)');
    assert.equal(quarantined[0].recordNo, 2);
    assert.ok(await t.store.declarations.get('ND-1'));
    assert.ok(await t.store.declarations.get('ND-3'));
  });

  it('refuses a batch that is neither an array nor NDJSON, and a content type it does not take', async () => {
    const obj = await t.as('system', { method: 'POST', url: '/api/intake/batch', payload: { id: 'x' } });
    assert.equal(obj.statusCode, 400);
    assert.equal(obj.json().details[0].field, '(body)');
    const xml = await t.as('system', {
      method: 'POST',
      url: '/api/intake/batch',
      headers: { 'content-type': 'application/xml' },
      payload: '<declaration/>',
    });
    assert.equal(xml.statusCode, 415);
    assert.equal(xml.json().code, 'SIEVE_ERR_UNSUPPORTED_MEDIA_TYPE');
  });

  it('names an unknown run', async () => {
    const res = await t.as('supervisor', { url: '/api/intake/runs/424242' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().code, 'SIEVE_ERR_RUN_NOT_FOUND');
  });
});
