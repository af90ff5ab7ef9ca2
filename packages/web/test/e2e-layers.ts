import type { Declaration } from '@sieve/core';
import { declarationFacts, trainRiskModel } from '@sieve/core/model';
import { parseLookoutCsv } from '@sieve/core/watchlist';
import { type Store, WatchlistRepository } from '@sieve/store';
import { ModelRepository } from '@sieve/store/model';
import type { LookoutEntry } from '@sieve/synth';
import { LOOKOUT_COLUMNS, lookoutRow } from '@sieve/synth/write-dataset';

/** The list the browser test screens against. */
export const E2E_LIST = 'e2e-lookouts';

/** The entry the browser test lists under another name, with the name a party trades under as its alias. */
export const ALIAS_ENTRY = { id: 'LK-E2E-3', name: 'ORIENT FRONTIER HOLDINGS S.A.' } as const;

/**
 * The watchlist layer of the browser test, active before scoring: the
 * generator's own lookout entries (some of them trade in the data), two
 * written here for the search test, and one listed under another name with
 * `alias` (a party's name in the data) as its alias, in the layout of
 * lookouts.csv; a hit adds 40 points and sends the declaration to red.
 */
export async function importLookouts(
  store: Store,
  generated: readonly LookoutEntry[],
  alias: string,
): Promise<void> {
  const quoted = `"${alias.toUpperCase().replace(/"/g, '""')}"`;
  const csv = [
    LOOKOUT_COLUMNS.join(','),
    'LK-E2E-1,E2E-LOOKOUT,entity,"DAESUNG CHEMICAL CO., LTD.","DAESUNG CHEEMICAL CO.",KR,,,narcotics trafficking: prior seizure',
    'LK-E2E-2,E2E-LOOKOUT,individual,MOHAMMED AL-RASHID,"MOHAMED ALRASHID",AE,1970-01-02,,customs fraud conviction',
    `${ALIAS_ENTRY.id},E2E-LOOKOUT,entity,${ALIAS_ENTRY.name},${quoted},,,,trades under another name`,
    ...generated.map((e) => lookoutRow(e).trimEnd()),
  ].join('\n');
  const list = parseLookoutCsv(csv, { listId: E2E_LIST, version: '2026-01-01', name: 'E2E lookouts' });
  const repo = new WatchlistRepository(store.sql);
  await repo.importVersion(list, 'e2e');
  await repo.setPolicy({ list: E2E_LIST, points: 40, lane: 'red' }, 'e2e', 'e2e: lookouts are examined');
}

/**
 * The predictive layer of the browser test, active before scoring. Its
 * 300 declarations hold about one inspection finding, too few to learn
 * from, so the model learns the generator's answer key instead (a planted,
 * findable pattern counts as a finding): what matters here is that a
 * referred declaration's page shows the model's reasons, not how good they are.
 */
export async function trainModel(
  store: Store,
  labelled: readonly { declaration: Declaration; finding: boolean }[],
): Promise<void> {
  const json = trainRiskModel({
    train: labelled.map((r) => ({ facts: declarationFacts(r.declaration), outcome: { finding: r.finding } })),
    seed: 7,
    params: { minDataInLeaf: 5, rounds: 60 },
  });
  const registry = new ModelRepository(store.sql);
  const version = await registry.register(JSON.stringify(json), json, 'e2e');
  await registry.activate(version.id, 'e2e', 'e2e: the browser test shows its reasons');
}
