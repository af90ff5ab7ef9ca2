import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newDeclaration, newInspection } from '@sieve/core';
import { newRule } from '@sieve/core/rules';
import { newSnapshot, score } from '@sieve/core/scoring';
import { eachStore } from '@sieve/store/testing';
import { seed, startTestServer, type TestServer } from './test-server.ts';

/** Lanes by dispatch country: Colombia red (70 points), Peru yellow (35), anything else green. */
const snapshot = newSnapshot({
  rules: [
    newRule({ id: 'CO', points: 70, condition: 'declaration.dispatchCountry == "CO"' }),
    newRule({ id: 'PE', points: 35, condition: 'declaration.dispatchCountry == "PE"' }),
  ],
});

/** The trader's own declarations (the factories' importer is the test trader's party), one per standing. */
const lodged = (day: number) => `2026-04-${String(day).padStart(2, '0')}T09:00:00Z`;
const declarations = [
  newDeclaration({ id: 'T-NONE', lodgedAt: lodged(1) }),
  newDeclaration({ id: 'T-RED', dispatchCountry: 'CO', lodgedAt: lodged(2) }),
  newDeclaration({ id: 'T-GREEN', dispatchCountry: 'KR', lodgedAt: lodged(3) }),
  newDeclaration({ id: 'T-DECIDED', dispatchCountry: 'CO', lodgedAt: lodged(4) }),
  newDeclaration({ id: 'T-INSPECTED', dispatchCountry: 'PE', lodgedAt: lodged(5) }),
  newDeclaration({ id: 'T-AMENDED', dispatchCountry: 'PE', lodgedAt: lodged(6) }),
  newDeclaration({ id: 'T-AMENDED', version: 2, dispatchCountry: 'KR', lodgedAt: lodged(6) }),
];

interface Status {
  id: string;
  version: number;
  status: string;
  riskLevel?: string | null;
}

await eachStore("a trader's declarations on each store", (store) => {
  // A describe of its own, so the server closes before eachStore closes the store.
  describe("a trader's declaration list", () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer(undefined, store());
      await seed(t.store, {
        declarations,
        inspections: [
          newInspection({ id: 'TI-1', declarationId: 'T-INSPECTED', inspector: t.users.inspector }),
        ],
      });
      await t.store.assessments.write(
        null,
        declarations.filter((d) => d.id !== 'T-NONE').map((d) => score(d, snapshot)),
      );
      const decided = await t.as('targeting_officer', {
        method: 'POST',
        url: '/api/declarations/T-DECIDED/decisions',
        payload: { declarationVersion: 1, lane: 'green', reason: 'known shipper, documents checked' },
      });
      assert.equal(decided.statusCode, 201, decided.body);
      const shown = await t.as('administrator', {
        method: 'PATCH',
        url: '/api/settings',
        payload: { traderRiskVisible: true, reason: 'test: the lane in force is shown' },
      });
      assert.equal(shown.statusCode, 200, shown.body);
    });
    after(() => t.close());

    it('gives each declaration its standing: decision over assessment, latest assessment, inspection first', async () => {
      const res = await t.as('trader', { url: '/api/trader/declarations' });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        res.json<{ items: Status[] }>().items.map((d) => [d.id, d.version, d.status, d.riskLevel]),
        [
          ['T-AMENDED', 2, 'released', 'green'],
          ['T-INSPECTED', 1, 'inspected', 'yellow'],
          ['T-DECIDED', 1, 'released', 'green'],
          ['T-GREEN', 1, 'released', 'green'],
          ['T-RED', 1, 'under_control', 'red'],
          ['T-NONE', 1, 'received', null],
        ],
      );
    });

    it('answers each declaration as its own status page does', async () => {
      const items = (await t.as('trader', { url: '/api/trader/declarations' })).json<{ items: Status[] }>()
        .items;
      for (const item of items) {
        const one = await t.as('trader', { url: `/api/trader/declarations/${item.id}` });
        assert.deepEqual(one.json(), item, item.id);
      }
    });

    it('looks up the lanes of a page in one query, whatever its length, and pages alike', async () => {
      const sql = t.store.sql;
      const query = sql.query;
      const laneQueries: string[] = [];
      sql.query = ((text: string, params?: unknown[]) => {
        if (text.includes('referral_decisions') || text.includes('FROM assessments')) laneQueries.push(text);
        return query.call(sql, text, params);
      }) as typeof sql.query;
      try {
        const first = await t.as('trader', { url: '/api/trader/declarations?limit=4' });
        const rest = await t.as('trader', {
          url: `/api/trader/declarations?limit=4&cursor=${first.json().nextCursor}`,
        });
        assert.deepEqual(
          [...first.json().items, ...rest.json().items].map((d: Status) => d.id),
          ['T-AMENDED', 'T-INSPECTED', 'T-DECIDED', 'T-GREEN', 'T-RED', 'T-NONE'],
        );
      } finally {
        sql.query = query;
      }
      assert.equal(laneQueries.length, 2, `one per page:\n${laneQueries.join('\n')}`);
    });
  });
});
