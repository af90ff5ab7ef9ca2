import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildServer, loadConfig, localContext, type SieveServer } from '@sieve/server';
import { WatchlistRepository } from '@sieve/store';
import { eachStore } from '@sieve/store/testing';
import { importListFile } from './import-list-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'sieve-import-list-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const csv = (name: string) => `id,kind,name\nL-1,company,${name}\n`;
/** A lookout file named otherwise than its list: the name the CLI once took as the list id. */
function lookoutFile(name: string, content = csv('Hanbit Trading Company')): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

await eachStore('importListFile: one default list id for the CLI and HTTP', (store) => {
  describe('a lookout file given no list id', () => {
    let app: SieveServer;
    before(async () => {
      app = buildServer({ store: store(), config: loadConfig({}), logger: false });
      await app.ready();
    });
    after(() => app.close());
    const repo = () => new WatchlistRepository(store().sql);

    it('goes into the list the HTTP import uses, so one policy applies to both', async () => {
      const viaCli = await importListFile(repo(), 'lookouts', lookoutFile('kr-lookouts.csv'), {
        version: 'cli-1',
        actor: 'test',
      });
      assert.equal(viaCli.outcome, 'imported');
      assert.equal(viaCli.keptFileName, false);
      const viaHttp = await app.services.watchlists.import(localContext('test'), {
        format: 'lookouts',
        content: csv('Hanbit Trading Company Ltd'),
        version: 'http-1',
        reason: 'test: the same list over HTTP',
      });
      assert.equal(viaHttp.listId, viaCli.list.id);
      assert.equal(viaCli.list.id, 'lookouts');
      await app.services.watchlists.setPolicy(localContext('test'), 'lookouts', {
        points: 30,
        reason: 'test',
      });
      assert.deepEqual(
        (await repo().versions()).map((v) => [v.listId, v.version, v.active]),
        [
          ['lookouts', 'http-1', true],
          ['lookouts', 'cli-1', false],
        ],
        'one list, two versions: the policy covers whichever is active',
      );
    });

    it('keeps going into a list already stored under its file name, with that list policy', async () => {
      const old = lookoutFile('kr.csv');
      await importListFile(repo(), 'lookouts', old, { listId: 'kr', version: 'old', actor: 'test' });
      await repo().setPolicy({ list: 'kr', points: 50, lane: 'red' }, 'test', 'test');
      const again = await importListFile(repo(), 'lookouts', old, { version: 'new', actor: 'test' });
      assert.equal(again.list.id, 'kr');
      assert.equal(again.keptFileName, true);
      const active = (await repo().versions()).filter((v) => v.active).map((v) => `${v.listId}@${v.version}`);
      assert.deepEqual(active.sort(), ['kr@new', 'lookouts@http-1'], 'no second copy of kr under lookouts');
    });

    it('goes where --list-id says, whatever the file is called', async () => {
      const r = await importListFile(repo(), 'lookouts', lookoutFile('kr.csv'), {
        listId: 'kr-2',
        version: '1',
        actor: 'test',
      });
      assert.equal(r.list.id, 'kr-2');
      assert.equal(r.keptFileName, false);
    });
  });
});
