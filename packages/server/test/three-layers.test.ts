import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { newDeclaration, newParty } from '@sieve/core';
import { eachStore } from '@sieve/store/testing';
import {
  activateList,
  activateModel,
  activateRules,
  LOOKOUT_ENTRY,
} from '../../pipeline/test/three-layers-fixtures.ts';
import { startTestServer, type TestServer } from './test-server.ts';

interface Hit {
  role: string;
  path: string;
  queryName: string;
  entryId: string;
  listVersion: string;
  matchedName: { name: string; type: string };
  score: number;
  tokens: { query: string | null; listed: string | null }[];
}
interface View {
  explanation: string[];
  watchlistHits: Hit[];
  model: {
    version: string;
    probability: number;
    baseProbability: number;
    reasons: { text: string }[];
  } | null;
}

await eachStore('real-time assessment with rules, watchlists and the model', (store) => {
  // A describe of its own, so the server closes before eachStore closes the store.
  describe('POST /api/assessments and GET /api/declarations/:id/assessment', () => {
    let t: TestServer;
    before(async () => {
      await activateRules(store());
      t = await startTestServer(undefined, store());
    });
    after(() => t.close());

    const assess = (d: ReturnType<typeof newDeclaration>) =>
      t.as('system', { method: 'POST', url: '/api/assessments', payload: d });
    const view = async (id: string): Promise<View> => {
      const res = await t.as('targeting_officer', { url: `/api/declarations/${id}/assessment` });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<View>();
    };

    it('assesses with rules alone when no watchlist and no model is active, and says so', async () => {
      const res = await assess(newDeclaration({ id: 'RT3-NONE' }));
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().assessment.watchlist, undefined);
      assert.equal(res.json().assessment.model, undefined);
      const v = await view('RT3-NONE');
      assert.deepEqual(v.watchlistHits, []);
      assert.equal(v.model, null);
      assert.ok(v.explanation.includes('Watchlist: no watchlist was active; the parties were not screened.'));
      assert.ok(v.explanation.includes('Model: no model was active; the model took no part.'));
    });

    it('notices a watchlist and a model activated elsewhere, and the next assessment carries both', async () => {
      await activateList(
        store(),
        { id: 'lookouts', version: '2026-03-01', entries: [LOOKOUT_ENTRY] },
        { points: 40, lane: 'red' },
      );
      await activateModel(store());
      // Activated outside this server (as the CLI would): seen at the next check of the active versions.
      mock.timers.enable({ apis: ['Date'], now: Date.now() });
      mock.timers.tick(11_000);
      let res: Awaited<ReturnType<typeof assess>>;
      try {
        res = await assess(
          newDeclaration({
            id: 'RT3-LISTED',
            importer: newParty({ id: 'RISKY', name: 'Hanbit Trading Co., Ltd.' }),
          }),
        );
      } finally {
        mock.timers.reset();
      }
      assert.equal(res.statusCode, 201, res.body);
      const a = res.json().assessment;
      assert.deepEqual(a.versions.watchlists, { lookouts: '2026-03-01' });
      assert.match(a.versions.model, /^\d+:[0-9a-f]{12}$/);
      assert.equal(a.lane, 'red');
      assert.equal(a.watchlist.points, 40);
      assert.equal(a.watchlist.hits[0].matchedName.name, 'Hanbit Trading Company');
      assert.equal(a.model.version, a.versions.model);
      assert.ok(a.model.reasons.length > 0, JSON.stringify(a.model));
      const explanation: string[] = res.json().explanation;
      assert.ok(
        explanation.some((l) =>
          l.startsWith('Watchlist: importer "Hanbit Trading Co., Ltd." matches lookouts'),
        ),
      );
      assert.ok(explanation.some((l) => l.startsWith(`Model ${a.versions.model}: probability of a finding`)));
    });

    it('GET /api/declarations/:id/assessment returns the hits with the alias that matched and the model reasons', async () => {
      const v = await view('RT3-LISTED');
      assert.equal(v.watchlistHits.length, 1, JSON.stringify(v.watchlistHits));
      const [hit] = v.watchlistHits;
      assert.equal(hit!.role, 'importer');
      assert.equal(hit!.path, 'importer');
      assert.equal(hit!.queryName, 'Hanbit Trading Co., Ltd.');
      assert.equal(hit!.entryId, 'lookouts:7');
      assert.equal(hit!.listVersion, '2026-03-01');
      assert.deepEqual(hit!.matchedName, { name: 'Hanbit Trading Company', type: 'aka', strength: 'strong' });
      assert.ok(hit!.tokens.some((tk) => tk.query !== null && tk.listed !== null));
      assert.ok(v.model, 'expected the model verdict');
      assert.ok(v.model.probability > 0 && v.model.probability < 1);
      assert.ok(v.model.reasons.some((r) => r.text.startsWith('importer RISKY: past finding rate')));
    });

    it('applies a policy set over HTTP from the next assessment: its points, its lane, its fingerprint', async () => {
      const listed = (id: string) =>
        newDeclaration({ id, importer: newParty({ id: `${id}-IMP`, name: 'Hanbit Trading Co., Ltd.' }) });
      const setPolicy = async (payload: Record<string, unknown>) => {
        const res = await t.as('risk_analyst', {
          method: 'PUT',
          url: '/api/watchlists/lookouts/policy',
          payload: { ...payload, reason: 'test: the policy over HTTP' },
        });
        assert.equal(res.statusCode, 200, res.body);
      };
      const before = (await assess(listed('RT3-POLICY-0'))).json().assessment;

      await setPolicy({ points: 25, lane: 'yellow' });
      const yellow = (await assess(listed('RT3-POLICY-1'))).json().assessment;
      assert.equal(yellow.watchlist.hits.length, 1);
      assert.equal(yellow.watchlist.points, 25);
      assert.equal(yellow.watchlist.lane, 'yellow');
      assert.equal(yellow.points - before.points, 25 - before.watchlist.points);
      assert.notEqual(yellow.versions.watchlistPolicy, before.versions.watchlistPolicy);

      await setPolicy({ points: 0, lane: null });
      const none = (await assess(listed('RT3-POLICY-2'))).json().assessment;
      assert.equal(none.watchlist.hits.length, 1, 'still a hit: the policy only says what a hit does');
      assert.equal(none.watchlist.points, 0);
      assert.equal(none.watchlist.lane, undefined);

      await setPolicy({ points: 40, lane: 'red' });
      const red = (await assess(listed('RT3-POLICY-3'))).json().assessment;
      assert.equal(red.watchlist.points, 40);
      assert.equal(red.lane, 'red');
    });
  });
});
