import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newDeclaration } from '@sieve/core';
import { parse } from 'csv-parse/sync';
import { seed, startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;
before(async () => {
  t = await startTestServer();
  await seed(t.store, { declarations: [newDeclaration({ id: 'AUD-1' }), newDeclaration({ id: 'AUD-2' })] });
  const view = (id: string, ip: string) =>
    t.as('risk_analyst', {
      url: `/api/declarations/${id}`,
      remoteAddress: ip,
      headers: { 'user-agent': 'Mozilla/5.0 (audit test)' },
    });
  await view('AUD-1', '10.0.0.1');
  await view('AUD-2', '10.0.0.2');
  await view('AUD-1', '10.0.0.2');
});
after(() => t.close());

interface Entry {
  id: number;
  actor: string;
  action: string;
  entityId: string | null;
  source: string | null;
  details: Record<string, unknown>;
}

describe('audit log', () => {
  it('is searched by action, entity, actor and source, newest first', async () => {
    const res = await t.as('supervisor', { url: '/api/audit?action=declaration.view&source=10.0.0.2' });
    assert.equal(res.statusCode, 200, res.body);
    const entries: Entry[] = res.json().entries;
    assert.deepEqual(
      entries.map((e) => e.entityId),
      ['AUD-1', 'AUD-2'],
    );
    assert.ok(entries.every((e) => e.actor === t.users.risk_analyst));
    const one = await t.as('administrator', { url: '/api/audit?entity=declaration&entityId=AUD-2' });
    assert.equal(one.json().entries.length, 1);
    const family = await t.as('supervisor', { url: '/api/audit?action=auth.' });
    assert.ok(family.json().entries.every((e: Entry) => e.action.startsWith('auth.')));
    assert.ok(family.json().entries.some((e: Entry) => e.action === 'auth.login'));
  });

  it('pages with a cursor, without repeating or skipping an entry', async () => {
    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const res = await t.as('supervisor', { url: `/api/audit?limit=4${cursor ? `&cursor=${cursor}` : ''}` });
      const page = res.json() as { entries: Entry[]; nextCursor: number | null };
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    const all = (await t.as('supervisor', { url: '/api/audit?limit=1000' })).json().entries as Entry[];
    assert.deepEqual(
      seen,
      all.map((e) => e.id),
    );
    assert.ok(seen.length > 10);
  });

  it('filters by time', async () => {
    const future = await t.as('supervisor', { url: '/api/audit?from=2999-01-01' });
    assert.equal(future.json().entries.length, 0);
    const bad = await t.as('supervisor', { url: '/api/audit?from=last-tuesday' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().details[0].field, 'from');
  });

  it('exports CSV with who, what, when, from where and the user agent; the export is itself audited', async () => {
    const res = await t.as('supervisor', { url: '/api/audit/export?format=csv&action=declaration.view' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="sieve-audit-.*\.csv"/);
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 3);
    assert.deepEqual(Object.keys(rows[0]!), [
      'id',
      'at',
      'actor',
      'action',
      'entity',
      'entity_id',
      'reason',
      'source',
      'user_agent',
      'details',
    ]);
    assert.deepEqual(
      rows.map((r) => [r.entity_id, r.source, r.user_agent]),
      [
        ['AUD-1', '10.0.0.1', 'Mozilla/5.0 (audit test)'],
        ['AUD-2', '10.0.0.2', 'Mozilla/5.0 (audit test)'],
        ['AUD-1', '10.0.0.2', 'Mozilla/5.0 (audit test)'],
      ],
    );
    assert.equal(JSON.parse(rows[0]!.details!).version, 1);
    const exports = await t.store.auditSearch.search({ action: 'audit.export' });
    assert.equal(exports.entries[0]?.actor, t.users.supervisor);
    assert.deepEqual(exports.entries[0]?.details.filter, { action: 'declaration.view' });
  });

  it('exports NDJSON, one entry per line, oldest first', async () => {
    const res = await t.as('administrator', { url: '/api/audit/export?format=ndjson&entity=declaration' });
    assert.match(String(res.headers['content-type']), /^application\/x-ndjson/);
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Entry);
    assert.equal(lines.length, 3);
    assert.ok(lines[0]!.id < lines[2]!.id);
  });

  it('cannot be changed or emptied, not even by the database user of the application', async () => {
    await assert.rejects(t.store.sql.query(`UPDATE audit_log SET actor = 'someone-else'`), /append-only/);
    await assert.rejects(t.store.sql.query('DELETE FROM audit_log'), /append-only/);
    await assert.rejects(t.store.sql.query('TRUNCATE audit_log'), /append-only/);
  });
});
