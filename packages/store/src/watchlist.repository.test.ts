import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Watchlist, WatchlistEntry } from '@sieve/core/watchlist';
import { eachStore } from './testing/each-store.ts';
import { WatchlistRepository } from './watchlist.repository.ts';

function newEntry(id: string, over: Partial<WatchlistEntry> = {}): WatchlistEntry {
  return {
    id: `kr:${id}`,
    list: 'kr',
    kind: 'company',
    names: [{ name: `Company ${id}`, strength: 'strong', type: 'primary' }],
    birthDates: [],
    nationalities: [],
    countries: ['KR'],
    identifiers: [{ scheme: 'registration', value: '150-38-48767', country: 'KR', label: 'KR-BRN' }],
    ...over,
  };
}

function newList(version: string, entries: WatchlistEntry[]): Watchlist {
  return { id: 'kr', name: 'KR lookouts', version, source: 'lookout CSV', entries };
}

await eachStore('WatchlistRepository', (store) => {
  it('imports a version, activates it, keeps versions immutable and audits each import', async () => {
    const repo = new WatchlistRepository(store().sql);
    assert.equal(
      await repo.importVersion(newList('1', [newEntry('A'), newEntry('B')]), 'analyst.lee'),
      'imported',
    );
    assert.equal(await repo.importVersion(newList('1', [newEntry('C')]), 'analyst.lee'), 'exists');
    assert.equal(await repo.importVersion(newList('2', [newEntry('C')]), 'analyst.kim'), 'imported');
    assert.deepEqual(
      (await repo.versions()).map((v) => [v.version, v.entryCount, v.active, v.importedBy]),
      [
        ['2', 1, true, 'analyst.kim'],
        ['1', 2, false, 'analyst.lee'],
      ],
    );
    const [active] = await repo.activeLists();
    assert.equal(active?.version, '2');
    assert.deepEqual(
      active?.entries,
      [newEntry('C')],
      'the entry comes back as stored, identifier label included',
    );
    assert.equal(await repo.activeVersions(), 'kr@2');
    const audit = await store().audit.list({ action: 'watchlist.import' });
    assert.deepEqual(
      audit.map((e) => [e.actor, e.entityId, e.details.entries]),
      [
        ['analyst.lee', 'kr@1', 2],
        ['analyst.kim', 'kr@2', 1],
      ],
    );
  });

  it('sets a list policy and audits it with the reason', async () => {
    const repo = new WatchlistRepository(store().sql);
    await repo.setPolicy({ list: 'kr', points: 40, lane: 'red' }, 'analyst.lee', 'lookouts force control');
    await repo.setPolicy({ list: 'kr', threshold: 0.85, points: 50 }, 'analyst.lee', 'stricter');
    assert.deepEqual(await repo.policies(), [{ list: 'kr', threshold: 0.85, points: 50 }]);
    assert.deepEqual(await repo.thresholds(), { kr: 0.85 });
    const audit = await store().audit.list({ action: 'watchlist.policy' });
    assert.deepEqual(
      audit.map((e) => [e.reason, e.details.previous]),
      [
        ['lookouts force control', null],
        ['stricter', { list: 'kr', points: 40, lane: 'red' }],
      ],
    );
  });

  it('reads one list policy with who set it and when, and knows which lists are stored', async () => {
    const repo = new WatchlistRepository(store().sql);
    const stored = await repo.policy('kr');
    assert.deepEqual(stored?.policy, { list: 'kr', threshold: 0.85, points: 50 });
    assert.equal(stored?.updatedBy, 'analyst.lee');
    assert.ok(!Number.isNaN(Date.parse(stored?.updatedAt ?? '')));
    assert.equal(await repo.policy('other'), undefined);
    assert.equal(await repo.hasList('kr'), true);
    assert.equal(await repo.hasList('other'), false);
    const change = await repo.setPolicy({ list: 'kr', lane: 'yellow' }, 'analyst.kim', 'yellow only');
    assert.deepEqual(change, {
      previous: { list: 'kr', threshold: 0.85, points: 50 },
      policy: { list: 'kr', lane: 'yellow' },
    });
  });

  it('records what each of several first changes at once really replaced', async () => {
    const repo = new WatchlistRepository(store().sql);
    // Connections open first (on a server), so the changes below really run at once.
    await Promise.all(Array.from({ length: 8 }, () => store().sql.query('SELECT pg_sleep(0.05)')));
    // No policy for this list yet, so no row to lock: unguarded, several would find none.
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        repo.setPolicy({ list: 'race', points: 10 + i }, `analyst.${i}`, `change ${i}`),
      ),
    );
    const audit = await store().audit.list({ action: 'watchlist.policy', entityId: 'race' });
    const previous = audit.map((e) => (e.details.previous as { points: number } | null)?.points ?? null);
    assert.equal(previous.filter((p) => p === null).length, 1, `only the first found no policy: ${previous}`);
    // Each change replaced the one before it: every policy set is some change's previous but the last.
    const last = (await repo.policy('race'))?.policy.points;
    assert.deepEqual(
      previous.filter((p) => p !== null).sort(),
      Array.from({ length: 8 }, (_, i) => 10 + i)
        .filter((p) => p !== last)
        .sort(),
    );
  });
});
