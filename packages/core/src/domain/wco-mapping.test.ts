import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { WCO_MAPPING } from './wco-mapping.ts';

const pointerFile = new URL('../../../../../shared/data/wco-dm/pointer_paths.json', import.meta.url);

describe('WCO mapping table', () => {
  it('names only paths that exist in the WCO Data Model, with their element names', (t) => {
    if (!existsSync(pointerFile)) {
      if (process.env.CI) assert.fail(`../shared/data/wco-dm is missing at ${pointerFile.pathname}`);
      t.skip('../shared/data/wco-dm not found beside the project');
      return;
    }
    const doc = JSON.parse(readFileSync(pointerFile, 'utf8')) as {
      pointers: Record<string, { dms_field_name: string }>[];
    };
    const names = new Map<string, string>();
    for (const p of doc.pointers) for (const [k, v] of Object.entries(p)) names.set(k, v.dms_field_name);
    for (const m of WCO_MAPPING) {
      if (m.wcoPath === null) {
        assert.ok(m.note, `${m.record}.${m.field} has no WCO element and must say why in a note`);
        continue;
      }
      assert.ok(names.has(m.wcoPath), `${m.record}.${m.field}: ${m.wcoPath} is not a WCO DM path`);
      assert.equal(names.get(m.wcoPath), m.wcoName, `${m.record}.${m.field}: name at ${m.wcoPath}`);
    }
  });
});
