import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(() => t.close());

const LOOKOUTS = [
  'id,list,kind,name,aliases,country,dob,identifiers,reason',
  'LK-0019,KR-LOOKOUT,entity,"SAMIL FOODS CO., LTD.",(주)삼일식품,KR,,KR-BRN:150-38-48767,front company',
  'LK-0003,KR-LOOKOUT,individual,PARK JI-WOO,박지우;PARK JI-WOOO,KR,1987-02-23,,strategic goods diversion',
].join('\n');

const upload = (over: Record<string, unknown> = {}) => ({
  method: 'POST' as const,
  url: '/api/watchlists/import',
  payload: {
    format: 'lookouts',
    listId: 'kr-lookouts',
    content: LOOKOUTS,
    reason: 'weekly lookouts',
    ...over,
  },
});

describe('POST /api/watchlists/import', () => {
  it('imports a lookout CSV, activates it, audits it and answers with the counts', async () => {
    const res = await t.as('risk_analyst', upload({ version: '2026-03-01' }));
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json(), {
      listId: 'kr-lookouts',
      version: '2026-03-01',
      name: 'KR-LOOKOUT',
      entries: 2,
      names: 5,
      identifiers: 1,
      byKind: { company: 1, person: 1 },
    });
    const lists = (await t.as('supervisor', { url: '/api/watchlists' })).json();
    assert.deepEqual(
      lists.versions.map((v: { listId: string; version: string; active: boolean }) => [
        v.listId,
        v.version,
        v.active,
      ]),
      [['kr-lookouts', '2026-03-01', true]],
    );
    const search = await t.as('targeting_officer', { url: '/api/watchlists/search?q=Park%20Ji%20Woo' });
    assert.equal(search.json().hits[0]?.entryId, 'kr-lookouts:LK-0003', 'the new list is searched at once');
    const [audit] = (await t.store.auditSearch.search({ action: 'watchlist.import' })).entries;
    assert.equal(audit?.actor, t.users.risk_analyst);
    assert.equal(audit?.entityId, 'kr-lookouts@2026-03-01');
    assert.equal(audit?.reason, 'weekly lookouts');
  });

  it('names the version from the day and the content, and refuses the same file twice', async () => {
    const first = await t.as('administrator', upload());
    assert.equal(first.statusCode, 201, first.body);
    assert.match(first.json().version, /^\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/);
    const again = await t.as('administrator', upload());
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'SIEVE_ERR_WATCHLIST_VERSION_EXISTS');
    const active = (await t.as('supervisor', { url: '/api/watchlists' }))
      .json()
      .versions.filter((v: { active: boolean }) => v.active);
    assert.equal(active.length, 1, 'one active version per list');
    assert.equal(active[0].version, first.json().version);
  });

  it('answers every bad row at once, naming line, column, value and what was expected', async () => {
    const content = `${LOOKOUTS}\nLK-9,KR-LOOKOUT,robot,X,,KR,,,\nLK-10,KR-LOOKOUT,entity,Y,,KR,,XX-BRN:12,`;
    const res = await t.as('risk_analyst', upload({ content, version: 'broken' }));
    assert.equal(res.statusCode, 400, res.body);
    const body = res.json();
    assert.equal(body.code, 'SIEVE_ERR_VALIDATION');
    assert.match(body.message, /2 problems, the first: line 4, column kind: found "robot"/);
    assert.deepEqual(
      body.details.map((d: { line: number; column: string; value: string }) => [d.line, d.column, d.value]),
      [
        [4, 'kind', 'robot'],
        [5, 'identifiers', 'XX-BRN:12'],
      ],
    );
    assert.match(body.details[1].expected, /KR-BRN, .*EORI|EORI.*KR-BRN/);
    const versions = (await t.as('supervisor', { url: '/api/watchlists' })).json().versions;
    assert.ok(!versions.some((v: { version: string }) => v.version === 'broken'), 'nothing stored');
  });

  it('refuses an unknown format and a missing reason before reading the file', async () => {
    const res = await t.as('risk_analyst', upload({ format: 'xlsx', reason: undefined }));
    assert.equal(res.statusCode, 400);
    const fields = res
      .json()
      .details.map((d: { field: string }) => d.field)
      .sort();
    assert.deepEqual(fields, ['format', 'reason']);
  });

  it('reads an OFAC file and reports a broken one with the record', async () => {
    const sdn = '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n';
    const ok = await t.as('risk_analyst', upload({ format: 'ofac', listId: undefined, content: sdn }));
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().listId, 'ofac-sdn');
    const bad = await t.as('risk_analyst', upload({ format: 'ofac', content: '36,"X"\n' }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /sdn\.csv/);
  });
});

describe('GET and PUT /api/watchlists/:listId/policy', () => {
  const put = (listId: string, payload: Record<string, unknown>) => ({
    method: 'PUT' as const,
    url: `/api/watchlists/${listId}/policy`,
    payload,
    headers: { 'user-agent': 'policy-test' },
  });

  it('answers the defaults for a stored list that has no policy yet', async () => {
    await t.as('risk_analyst', upload({ listId: 'policy-list', version: 'p1' }));
    const res = await t.as('supervisor', { url: '/api/watchlists/policy-list/policy' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      list: 'policy-list',
      threshold: null,
      points: null,
      lane: null,
      updatedAt: null,
      updatedBy: null,
    });
  });

  it('sets a policy, reads it back, and audits who, why, from where, before and after', async () => {
    const res = await t.as(
      'risk_analyst',
      put('policy-list', { threshold: 0.85, points: 40, lane: 'red', reason: 'lookouts are examined' }),
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().previous, null);
    const read = await t.as('targeting_officer', { url: '/api/watchlists/policy-list/policy' });
    const { updatedAt, ...policy } = read.json();
    assert.deepEqual(policy, {
      list: 'policy-list',
      threshold: 0.85,
      points: 40,
      lane: 'red',
      updatedBy: t.users.risk_analyst,
    });
    assert.ok(!Number.isNaN(Date.parse(updatedAt)));
    const listed = (await t.as('supervisor', { url: '/api/watchlists' })).json().policies;
    assert.deepEqual(listed, [{ list: 'policy-list', threshold: 0.85, points: 40, lane: 'red' }]);

    const changed = await t.as(
      'administrator',
      put('policy-list', { points: 10, lane: null, reason: 'fewer referrals' }),
    );
    assert.equal(changed.statusCode, 200, changed.body);
    assert.deepEqual(changed.json().previous, { threshold: 0.85, points: 40, lane: 'red' });
    assert.deepEqual(
      [changed.json().threshold, changed.json().points, changed.json().lane],
      [null, 10, null],
      'a setting left out or null takes its default',
    );

    const entries = (await t.store.auditSearch.search({ action: 'watchlist.policy' })).entries;
    const last = entries.find((e) => e.actor === t.users.administrator);
    assert.equal(last?.entityId, 'policy-list');
    assert.equal(last?.reason, 'fewer referrals');
    assert.deepEqual(last?.details, {
      list: 'policy-list',
      points: 10,
      previous: { list: 'policy-list', threshold: 0.85, points: 40, lane: 'red' },
    });
    const origin = (await t.store.auditSearch.search({ action: 'request.origin' })).entries.find(
      (e) => e.details.for === 'watchlist.policy' && e.actor === t.users.administrator,
    );
    assert.equal(origin?.entityId, 'policy-list');
    assert.equal(origin?.details.userAgent, 'policy-test');
    assert.ok(origin?.source, 'the client address');
  });

  it('names each bad field and what it expected, and changes nothing', async () => {
    const res = await t.as(
      'risk_analyst',
      put('policy-list', { threshold: 1.5, points: 2.5, lane: 'green', pionts: 3, reason: 'x' }),
    );
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().code, 'SIEVE_ERR_VALIDATION');
    const details: { in: string; field: string; expected: string }[] = res.json().details;
    const byField = Object.fromEntries(details.map((d) => [d.field, d.expected]));
    assert.deepEqual(Object.keys(byField).sort(), ['lane', 'pionts', 'points', 'reason', 'threshold']);
    assert.equal(byField.threshold, 'expected a number above 0 and at most 1, or null for the default');
    assert.equal(byField.points, 'expected a whole number of points from 0 to 10000, or null for none');
    assert.equal(byField.lane, 'expected "red" or "yellow", or null to force no lane');
    assert.equal(byField.pionts, 'no such field');
    assert.ok(details.every((d) => d.in === 'body'));
    const read = await t.as('supervisor', { url: '/api/watchlists/policy-list/policy' });
    assert.equal(read.json().points, 10, 'unchanged');
  });

  it('answers 404 for a list that was never imported, rather than keep a policy that never applies', async () => {
    const res = await t.as('risk_analyst', put('no-such-list', { points: 5, reason: 'typo' }));
    assert.equal(res.statusCode, 404, res.body);
    assert.equal(res.json().code, 'SIEVE_ERR_WATCHLIST_NOT_FOUND');
    assert.equal((await t.as('supervisor', { url: '/api/watchlists/no-such-list/policy' })).statusCode, 404);
  });

  it('is described in the OpenAPI document with its roles', async () => {
    const doc = (await t.as('risk_analyst', { url: '/docs/json' })).json();
    const path = doc.paths['/api/watchlists/{listId}/policy'];
    assert.deepEqual(path.put['x-roles'], ['administrator', 'risk_analyst']);
    assert.deepEqual(path.get['x-roles'], [
      'administrator',
      'risk_analyst',
      'targeting_officer',
      'supervisor',
    ]);
    assert.ok(doc.components.schemas.WatchlistPolicyChange.properties.threshold);
  });
});
