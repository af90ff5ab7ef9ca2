import assert from 'node:assert/strict';
import { it } from 'node:test';
import { newDeclaration, newInspection, newParty } from '@sieve/core';
import { explainAssessment } from '@sieve/core/scoring';
import { ModelRepository } from '@sieve/store/model';
import { eachStore } from '@sieve/store/testing';
import { loadSnapshot, scoreDeclarations } from '../src/index.ts';
import {
  activateList,
  activateModel,
  activateRules,
  LOOKOUT_ENTRY,
  registerUnusableModel,
  seedRecords,
} from './three-layers-fixtures.ts';

/** A declaration of the factories, imported by the given party. */
const importedBy = (id: string, importer: string, name: string) =>
  newDeclaration({ id, importer: newParty({ id: importer, name }) });

/** Scores declarations with the active versions, as `sieve score` does, and reads back what was stored. */
async function scoreAndRead(
  store: Parameters<typeof scoreDeclarations>[0],
  ds: ReturnType<typeof newDeclaration>[],
  o: { modelReasons?: 'all' } = {},
) {
  const loaded = await loadSnapshot(store, { ruleset: 't3', actor: 'test' });
  await scoreDeclarations(store, ds, loaded, { source: 'test', ...o });
  const stored = [];
  for (const d of ds) {
    const a = await store.assessments.get(d.id);
    assert.ok(a, `declaration ${d.id}: no stored assessment`);
    stored.push(a);
  }
  return { loaded, stored };
}

await eachStore('scoring with rules, watchlists and the model', (store) => {
  it('scores with rules alone when no watchlist and no model is active, and says so', async () => {
    await activateRules(store());
    const { loaded, stored } = await scoreAndRead(store(), [newDeclaration({ id: 'T3-NONE' })]);
    const [a] = stored;
    assert.equal(loaded.watchlists, undefined);
    assert.equal(loaded.model, undefined);
    assert.equal(a!.points, 5);
    assert.equal(a!.versions.watchlists, undefined);
    assert.equal(a!.versions.model, undefined);
    assert.equal(a!.watchlist, undefined);
    assert.equal(a!.model, undefined);
    const lines = explainAssessment(a!);
    assert.ok(
      lines.includes('Watchlist: no watchlist was active; the parties were not screened.'),
      lines.join('\n'),
    );
    assert.ok(lines.includes('Model: no model was active; the model took no part.'), lines.join('\n'));
  });

  it('keeps the hit of an importer on an active lookout list, with the alias that matched and the list policy applied', async () => {
    await activateList(
      store(),
      { id: 'lookouts', version: '2026-03-01', entries: [LOOKOUT_ENTRY] },
      { points: 40, lane: 'red', threshold: 0.8 },
    );
    const d = newDeclaration({ id: 'T3-LISTED', importer: newParty({ name: 'Hanbit Trading Co., Ltd.' }) });
    const clean = newDeclaration({ id: 'T3-CLEAN', importer: newParty({ name: 'Daehan Coffee Roasters' }) });
    const { stored } = await scoreAndRead(store(), [d, clean]);
    const [a, b] = stored;
    assert.deepEqual(a!.versions.watchlists, { lookouts: '2026-03-01' });
    assert.ok(a!.versions.watchlistPolicy, 'expected the fingerprint of the list policies in versions');
    const hit = a!.watchlist?.hits.find((h) => h.role === 'importer');
    assert.ok(hit, `T3-LISTED: expected an importer hit, got ${JSON.stringify(a!.watchlist)}`);
    assert.equal(hit.entryId, 'lookouts:7');
    assert.equal(hit.list, 'lookouts');
    assert.equal(hit.listVersion, '2026-03-01');
    assert.equal(hit.queryName, 'Hanbit Trading Co., Ltd.');
    assert.equal(hit.matchedName.name, 'Hanbit Trading Company');
    assert.equal(hit.matchedName.type, 'aka');
    assert.equal(hit.threshold, 0.8);
    assert.ok(hit.tokens.length > 0, 'expected the token-by-token comparison');
    assert.equal(a!.watchlist?.points, 40);
    assert.equal(a!.points, 45);
    assert.equal(a!.riskLane, 'red');
    assert.ok(
      explainAssessment(a!).some((l) =>
        /^Watchlist: importer "Hanbit Trading Co\., Ltd\." matches lookouts entry "Golden Crescent General Trading LLC" \(as "Hanbit Trading Company", score [\d.]+\): \+40 points, red lane$/.test(
          l,
        ),
      ),
      explainAssessment(a!).join('\n'),
    );
    assert.deepEqual(b!.watchlist?.hits, []);
    assert.equal(b!.points, 5);
    assert.ok(
      explainAssessment(b!).some((l) => l.includes('screened against lookouts@2026-03-01; no match')),
    );
  });

  it('with a model active, an assessment carries its probability and reasons from the history before it', async () => {
    const id = await activateModel(store());
    // After the model's history ends: RISKY keeps having findings, and one newcomer importer shows up.
    const late = Array.from({ length: 6 }, (_, i) =>
      newDeclaration({
        id: `T3-LATE-${i}`,
        lodgedAt: `2026-02-0${i + 1}T09:00:00.000Z`,
        importer: newParty({ id: 'LATE' }),
      }),
    );
    const inspections = late.map((d, i) =>
      newInspection({
        id: `T3-INS-${i}`,
        declarationId: d.id,
        startedAt: d.lodgedAt,
        outcome: 'finding',
        findings: [{ type: 'other', description: 'undeclared goods' }],
      }),
    );
    await seedRecords(store(), late, inspections);
    const risky = importedBy('T3-RISKY', 'RISKY', 'Risky Imports');
    const lateOne = importedBy('T3-LATE-NEXT', 'LATE', 'Late Imports');
    const { loaded, stored } = await scoreAndRead(store(), [risky, lateOne], { modelReasons: 'all' });
    const [a, b] = stored;
    assert.match(loaded.model?.version ?? '', new RegExp(`^${id}:[0-9a-f]{12}$`));
    assert.equal(a!.versions.model, loaded.model?.version);
    assert.ok(a!.model, `T3-RISKY: expected the model's verdict in ${JSON.stringify(a)}`);
    assert.equal(a!.model.version, loaded.model?.version);
    assert.ok(
      a!.model.probability > a!.model.baseProbability,
      `RISKY: ${a!.model.probability} against ${a!.model.baseProbability}`,
    );
    assert.ok(a!.model.reasons.length > 0 && a!.model.reasons.length <= 5);
    assert.ok(
      a!.model.reasons.some((r) => r.text.startsWith('importer RISKY: past finding rate')),
      a!.model.reasons.map((r) => r.text).join('\n'),
    );
    assert.ok(a!.ensemble?.parts.some((p) => p.source === 'model'));
    // The store's declarations after the model's history count: LATE was inspected six times with findings.
    assert.ok(
      b!.model?.reasons.some((r) =>
        r.text.startsWith('importer LATE: past finding rate 100% (6 of 6 inspections)'),
      ),
      b!.model?.reasons.map((r) => r.text).join('\n'),
    );
    assert.ok(
      explainAssessment(a!).some((l) =>
        l.startsWith(`Model ${loaded.model?.version}: probability of a finding`),
      ),
    );
  });

  it('by default works out the reasons for the declarations sent to control only, and says so for the others', async () => {
    const listed = importedBy('T3-M-LISTED', 'RISKY', 'Hanbit Trading Co., Ltd.');
    const green = importedBy('T3-M-GREEN', 'CLEAN-1', 'Daehan Coffee');
    const { loaded, stored } = await scoreAndRead(store(), [listed, green]);
    const [a, b] = stored;
    assert.equal(a!.lane, 'red');
    assert.ok(a!.model && !a!.model.reasonsOmitted && a!.model.reasons.length > 0, JSON.stringify(a!.model));
    assert.equal(b!.lane, 'green');
    assert.ok(b!.model, 'T3-M-GREEN: expected the model probability');
    assert.ok(b!.model.probability > 0 && b!.model.probability < 1);
    assert.equal(b!.model.baseProbability, a!.model.baseProbability);
    assert.deepEqual(b!.model.reasons, []);
    assert.equal(b!.model.reasonsOmitted, true);
    assert.ok(
      explainAssessment(b!).some(
        (l) =>
          l.startsWith(`Model ${loaded.model?.version}: probability of a finding`) &&
          l.endsWith('reasons are worked out for declarations sent to control.'),
      ),
    );
  });

  it('refuses to load an active model this Sieve cannot use, naming its version', async () => {
    const registry = new ModelRepository(store().sql);
    const v = { id: await registerUnusableModel(store()) };
    await registry.activate(v.id, 'test', 'test: an old model');
    await assert.rejects(
      loadSnapshot(store(), { ruleset: 't3' }),
      (e: Error) =>
        e.message.startsWith(`SIEVE_ERR_MODEL_UNUSABLE: active model ${v.id} (sha256 `) &&
        e.message.includes('feature set profiles-v0'),
    );
  });
});
