import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newDeclaration, newParty } from '@sieve/core';
import { newRule } from '@sieve/core/rules';
import { newSnapshot, score } from '@sieve/core/scoring';
import { seed, startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;

/** Rules that make lanes: 70 points (red) for Colombia, 35 (yellow) for narcotics-free Peru, nothing else. */
const snapshot = newSnapshot({
  rules: [
    newRule({
      id: 'CO-ORIGIN',
      category: 'narcotics',
      points: 70,
      condition: 'declaration.dispatchCountry == "CO"',
    }),
    newRule({
      id: 'PE-VALUE',
      category: 'revenue',
      points: 35,
      condition: 'declaration.dispatchCountry == "PE"',
    }),
  ],
});

before(async () => {
  t = await startTestServer();
  const declarations = [
    newDeclaration({ id: 'Q-RED', dispatchCountry: 'CO', lodgedAt: '2026-03-01T08:00:00Z' }),
    newDeclaration({ id: 'Q-YELLOW', dispatchCountry: 'PE', lodgedAt: '2026-03-02T08:00:00Z' }),
    newDeclaration({
      id: 'Q-INC',
      dispatchCountry: 'CO',
      office: 'KRINC01',
      lodgedAt: '2026-03-03T08:00:00Z',
      importer: newParty({ id: 'OTHER' }),
    }),
    newDeclaration({ id: 'Q-GREEN', dispatchCountry: 'KR', lodgedAt: '2026-03-04T08:00:00Z' }),
  ];
  await seed(t.store, { declarations });
  await t.store.assessments.write(
    null,
    declarations.map((d) => score(d, snapshot)),
  );
});
after(() => t.close());

interface Item {
  declarationId: string;
  lane: string;
  score: number;
  categories: string[];
  reasons: string[];
  decision: { lane: string } | null;
}
const ids = (items: Item[]) => items.map((i) => i.declarationId);

describe('referral queue', () => {
  it('lists the red and yellow referrals, most risky first, with the first sentences of why', async () => {
    const res = await t.as('targeting_officer', { url: '/api/queue' });
    assert.equal(res.statusCode, 200, res.body);
    const items: Item[] = res.json().items;
    assert.deepEqual(ids(items).slice(0, 2).sort(), ['Q-INC', 'Q-RED']);
    assert.equal(items[2]?.declarationId, 'Q-YELLOW');
    assert.ok(items[0]!.score >= items[2]!.score);
    assert.match(items[0]!.reasons[0]!, /^Lane RED/);
    assert.deepEqual(items[0]!.categories, ['narcotics']);
    assert.ok(!ids(items).includes('Q-GREEN'));
  });

  it('filters by office, lane, category and lodgement date', async () => {
    const q = async (query: string) =>
      ids((await t.as('supervisor', { url: `/api/queue?${query}` })).json().items);
    assert.deepEqual(await q('office=KRINC01'), ['Q-INC']);
    assert.deepEqual(await q('lane=yellow'), ['Q-YELLOW']);
    assert.deepEqual(await q('category=revenue'), ['Q-YELLOW']);
    assert.deepEqual(await q('from=2026-03-02&to=2026-03-03'), ['Q-YELLOW']);
    assert.deepEqual(await q('lane=green'), ['Q-GREEN']);
    assert.equal((await t.as('supervisor', { url: '/api/queue?category=magic' })).statusCode, 400);
  });

  it('explains an assessment with the rules that fired and audits the view', async () => {
    const res = await t.as('risk_analyst', { url: '/api/declarations/Q-RED/assessment' });
    assert.equal(res.statusCode, 200, res.body);
    const view = res.json();
    assert.equal(view.assessment.lane, 'red');
    assert.equal(view.assessment.rules[0].ruleId, 'CO-ORIGIN');
    assert.ok(view.explanation.some((s: string) => s.startsWith('CO-ORIGIN (+70, narcotics)')));
    const audit = await t.store.auditSearch.search({ action: 'assessment.view', entityId: 'Q-RED' });
    assert.equal(audit.entries[0]?.actor, t.users.risk_analyst);
    const none = await t.as('risk_analyst', { url: '/api/declarations/NOPE/assessment' });
    assert.equal(none.json().code, 'SIEVE_ERR_ASSESSMENT_NOT_FOUND');
  });
});

describe('decisions', () => {
  it("records an officer's decision with the reason and the assessment it answers, audited, and takes it off the waiting queue", async () => {
    const res = await t.as('targeting_officer', {
      method: 'POST',
      url: '/api/declarations/Q-RED/decisions',
      payload: {
        declarationVersion: 1,
        lane: 'red',
        reason: 'cover load from a source country',
        assignTo: t.users.inspector,
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const d = res.json();
    assert.deepEqual(
      [d.lane, d.assessedLane, d.assignedTo, d.decidedBy],
      ['red', 'red', t.users.inspector, t.users.targeting_officer],
    );
    const [entry] = (await t.store.auditSearch.search({ action: 'decision.record', entityId: 'Q-RED' }))
      .entries;
    assert.equal(entry?.reason, 'cover load from a source country');
    assert.equal(entry?.details.lane, 'red');
    const waiting = ids((await t.as('targeting_officer', { url: '/api/queue?decided=false' })).json().items);
    assert.ok(!waiting.includes('Q-RED'));
    const decided: Item[] = (await t.as('targeting_officer', { url: '/api/queue?decided=true' })).json()
      .items;
    assert.deepEqual(
      decided.map((i) => [i.declarationId, i.decision?.lane]),
      [['Q-RED', 'red']],
    );
  });

  it('gives the inspector the control assigned, and the declaration with it', async () => {
    const tasks = await t.as('inspector', { url: '/api/inspections/assigned' });
    assert.deepEqual(
      tasks
        .json()
        .map((x: { declarationId: string; resultId: string | null }) => [x.declarationId, x.resultId]),
      [['Q-RED', null]],
    );
    assert.equal((await t.as('inspector', { url: '/api/declarations/Q-RED' })).statusCode, 200);
    assert.equal((await t.as('inspector', { url: '/api/declarations/Q-YELLOW' })).statusCode, 404);
    const recorded = await t.as('inspector', {
      method: 'POST',
      url: '/api/inspections',
      payload: {
        declarationId: 'Q-RED',
        startedAt: '2026-03-01T12:00:00Z',
        kind: 'physical',
        outcome: 'finding',
        findings: [{ type: 'seizure', commodity: 'cocaine', quantity: 12, unit: 'KGM' }],
      },
    });
    assert.equal(recorded.statusCode, 201, recorded.body);
    const after = await t.as('inspector', { url: '/api/inspections/assigned' });
    assert.equal(after.json()[0].resultId, recorded.json().id);
  });

  it('keeps every decision: a new one supersedes the last, and the database refuses to change one', async () => {
    const res = await t.as('targeting_officer', {
      method: 'POST',
      url: '/api/declarations/Q-YELLOW/decisions',
      payload: { declarationVersion: 1, lane: 'yellow', reason: 'check the invoice first' },
    });
    const first = res.json();
    const second = await t.as('targeting_officer', {
      method: 'POST',
      url: '/api/declarations/Q-YELLOW/decisions',
      payload: { declarationVersion: 1, lane: 'green', reason: 'invoice checked with the broker' },
    });
    assert.equal(second.json().supersedes, first.id);
    const all = await t.as('supervisor', { url: '/api/declarations/Q-YELLOW/decisions' });
    assert.deepEqual(
      all.json().map((x: { lane: string }) => x.lane),
      ['green', 'yellow'],
    );
    await assert.rejects(t.store.sql.query(`UPDATE referral_decisions SET lane = 'red'`), /never changed/);
  });

  it('refuses an assignment to someone who is not an inspector, or on a released lane, and a decision without reason', async () => {
    const post = (payload: object) =>
      t.as('targeting_officer', { method: 'POST', url: '/api/declarations/Q-INC/decisions', payload });
    const notInspector = await post({
      declarationVersion: 1,
      lane: 'red',
      reason: 'x-ray',
      assignTo: t.users.supervisor,
    });
    assert.equal(notInspector.json().details[0].field, 'assignTo');
    const green = await post({
      declarationVersion: 1,
      lane: 'green',
      reason: 'fine',
      assignTo: t.users.inspector,
    });
    assert.equal(green.statusCode, 400);
    const noReason = await post({ declarationVersion: 1, lane: 'red', reason: ' ' });
    assert.equal(noReason.json().details[0].field, 'reason');
    const noVersion = await post({ declarationVersion: 7, lane: 'red', reason: 'x-ray' });
    assert.equal(noVersion.statusCode, 404);
  });

  it('tells the trader their declaration is under control, and the lane only when enabled', async () => {
    const own = await t.as('trader', { url: '/api/trader/declarations/Q-YELLOW' });
    assert.deepEqual([own.json().status, 'riskLevel' in own.json()], ['released', false]);
    const red = await t.as('trader', { url: '/api/trader/declarations/Q-RED' });
    assert.equal(red.json().status, 'inspected');
    await t.as('administrator', {
      method: 'PATCH',
      url: '/api/settings',
      payload: { traderRiskVisible: true },
    });
    const list = await t.as('trader', { url: '/api/trader/declarations' });
    const byId = Object.fromEntries(
      list
        .json()
        .items.map((x: { id: string; status: string; riskLevel: string }) => [x.id, [x.status, x.riskLevel]]),
    );
    assert.deepEqual(byId['Q-YELLOW'], ['released', 'green']);
    assert.deepEqual(byId['Q-GREEN'], ['released', 'green']);
    assert.equal(byId['Q-INC'], undefined, "another importer's declaration is not listed");
  });
});

describe('dashboard and models', () => {
  it('counts lanes, hit rates by how declarations were selected, findings per day, and time to release', async () => {
    const res = await t.as('supervisor', { url: '/api/dashboard?from=2026-03-01&to=2026-03-05' });
    assert.equal(res.statusCode, 200, res.body);
    const f = res.json();
    assert.equal(f.bucket, 'day');
    assert.deepEqual(f.lanes, { red: 2, yellow: 1, blue: 0, green: 1 });
    assert.deepEqual(f.hitRate.overall, { inspected: 1, findings: 1 });
    assert.deepEqual(f.hitRate.risk, { inspected: 1, findings: 1 });
    assert.deepEqual(f.hitRate.random, { inspected: 0, findings: 0 });
    assert.deepEqual(
      f.series.map((s: { day: string; declarations: number; findings: number }) => [
        s.day,
        s.declarations,
        s.findings,
      ]),
      [
        ['2026-03-01', 1, 1],
        ['2026-03-02', 1, 0],
        ['2026-03-03', 1, 0],
        ['2026-03-04', 1, 0],
      ],
    );
    assert.equal(f.currency, 'USD');
    const red = f.releaseHours.find((r: { lane: string }) => r.lane === 'red');
    assert.deepEqual([red.count, red.p50], [1, 4], 'lodged 08:00, inspection started 12:00');
    const office = await t.as('supervisor', {
      url: '/api/dashboard?from=2026-03-01&to=2026-03-05&office=KRINC01',
    });
    assert.deepEqual(office.json().lanes, { red: 1, yellow: 0, blue: 0, green: 0 });
  });

  it('lists model versions and activates one with a reason, audited', async () => {
    const { ModelRepository } = await import('@sieve/store/model');
    const v = await new ModelRepository(t.store.sql).register(
      '{"m":1}',
      {
        featureSet: 'f',
        features: ['a'],
        params: {},
        metrics: { p_at_5: 0.9 },
        training: { from: '2026-01-01', to: '2026-02-01', rows: 10 },
      },
      'analyst',
    );
    const listed = await t.as('targeting_officer', { url: '/api/models' });
    assert.deepEqual(
      listed.json().map((m: { id: number; active: boolean }) => [m.id, m.active]),
      [[v.id, false]],
    );
    const res = await t.as('risk_analyst', {
      method: 'POST',
      url: `/api/models/${v.id}/activate`,
      payload: { reason: 'better precision at 5%' },
    });
    assert.equal(res.json().active, true, res.body);
    const [entry] = (await t.store.auditSearch.search({ action: 'model.activate' })).entries;
    assert.deepEqual([entry?.actor, entry?.reason], [t.users.risk_analyst, 'better precision at 5%']);
    const origin = await t.store.auditSearch.search({ action: 'request.origin', entity: 'model' });
    assert.equal(origin.entries[0]?.source, '127.0.0.1');
    const none = await t.as('risk_analyst', {
      method: 'POST',
      url: '/api/models/999/activate',
      payload: { reason: 'why not' },
    });
    assert.equal(none.json().code, 'SIEVE_ERR_MODEL_NOT_FOUND');
  });
});

describe('watchlists', () => {
  it('screens a name against the active lists, with the alias that matched, and audits the entries shown', async () => {
    const none = await t.as('risk_analyst', { url: '/api/watchlists/search?q=Golden' });
    assert.equal(none.json().code, 'SIEVE_ERR_NO_WATCHLIST');
    const entry = {
      id: 'lookouts:7',
      list: 'lookouts',
      kind: 'company',
      names: [{ name: 'Golden Crescent Trading LLC' }, { name: 'Hilal al-Dhahabi', type: 'alias' }],
      birthDates: [],
      nationalities: [],
      countries: ['AE'],
      identifiers: [],
      reason: 'front company for precursor chemicals',
    };
    await t.store.sql.query(
      `INSERT INTO watchlist_versions (list_id, version, name, entry_count, imported_by, active)
       VALUES ('lookouts', '2026-03', 'National lookouts', 1, 'analyst', true)`,
    );
    await t.store.sql.query(
      `INSERT INTO watchlist_entries (list_id, version, entry_id, kind, primary_name, entry)
       VALUES ('lookouts', '2026-03', 'lookouts:7', 'company', 'Golden Crescent Trading LLC', $1)`,
      [JSON.stringify(entry)],
    );
    const res = await t.as('targeting_officer', {
      url: '/api/watchlists/search?q=Golden%20Cresent%20Trading&kind=company',
    });
    assert.equal(res.statusCode, 200, res.body);
    const [hit] = res.json().hits;
    assert.deepEqual(
      [hit.entryId, hit.listVersion, hit.matchedName.name],
      ['lookouts:7', '2026-03', 'Golden Crescent Trading LLC'],
    );
    assert.ok(hit.score >= hit.threshold);
    const [audit] = (await t.store.auditSearch.search({ action: 'watchlist.search' })).entries;
    assert.deepEqual(audit?.details.hits, ['lookouts@2026-03/lookouts:7']);
    const shown = await t.as('supervisor', { url: '/api/watchlists/lookouts/entries/lookouts:7' });
    assert.equal(shown.json().entry.reason, 'front company for precursor chemicals');
    const views = await t.store.auditSearch.search({ action: 'watchlist.view' });
    assert.equal(views.entries[0]?.entityId, 'lookouts@2026-03/lookouts:7');
    assert.equal(
      (await t.as('supervisor', { url: '/api/watchlists/lookouts/entries/nope' })).statusCode,
      404,
    );
  });
});
