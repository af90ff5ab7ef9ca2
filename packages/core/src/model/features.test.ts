import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { featureInfo, writeFeatures } from './features.ts';
import { PROFILE_GROUPS } from './profile-groups.ts';
import { ProfileState } from './profile-state.ts';
import { syntheticHistory } from './test-data.ts';
import { timeOrderedFeatures } from './time-ordered-features.ts';

const width = featureInfo(PROFILE_GROUPS).length;
const rowOf = (m: Float64Array, i: number) => Array.from(m.subarray(i * width, (i + 1) * width));

describe('time-ordered features', () => {
  it('do not change when later history is added (no leakage)', () => {
    const rows = syntheticHistory({ days: 40, perDay: 30, seed: 11 });
    const early = rows.filter((r) => r.facts.day < rows[0]!.facts.day + 25);
    const alone = timeOrderedFeatures(early, new ProfileState()).matrix;
    // The same rows with later days added, shuffled in among them.
    const later = rows.filter((r) => r.facts.day >= rows[0]!.facts.day + 25);
    const mixed = [...later.slice(0, 200), ...early, ...later.slice(200)];
    const withLater = timeOrderedFeatures(mixed, new ProfileState()).matrix;
    for (let i = 0; i < early.length; i++) {
      assert.deepEqual(rowOf(withLater, 200 + i), rowOf(alone, i), `row ${i} changed`);
    }
  });

  it("do not depend on the declaration's own outcome nor on its own day's outcomes", () => {
    const rows = syntheticHistory({ days: 20, perDay: 20, seed: 5 });
    const flipped = rows.map((r) => {
      const sameDayAsLast = r.facts.day === rows[rows.length - 1]!.facts.day;
      return sameDayAsLast ? { ...r, outcome: { finding: !r.outcome.finding } } : r;
    });
    const a = timeOrderedFeatures(rows, new ProfileState()).matrix;
    const b = timeOrderedFeatures(flipped, new ProfileState()).matrix;
    assert.deepEqual(Array.from(b), Array.from(a));
  });

  it('see the outcomes of earlier days', () => {
    const rows = syntheticHistory({ days: 10, perDay: 20, seed: 5 });
    const flipped = rows.map((r, i) => (i === 0 ? { ...r, outcome: { finding: !r.outcome.finding } } : r));
    const a = timeOrderedFeatures(rows, new ProfileState()).matrix;
    const b = timeOrderedFeatures(flipped, new ProfileState()).matrix;
    const lastRow = rows.length - 1;
    assert.notDeepEqual(rowOf(b, lastRow), rowOf(a, lastRow));
  });

  it('survive a round trip of the history through JSON', () => {
    const rows = syntheticHistory({ days: 20, perDay: 20, seed: 8 });
    const state = new ProfileState();
    timeOrderedFeatures(rows.slice(0, 300), state);
    const copy = ProfileState.fromJSON(JSON.parse(JSON.stringify(state.toJSON())));
    const a = timeOrderedFeatures(rows.slice(300), state).matrix;
    const b = timeOrderedFeatures(rows.slice(300), copy).matrix;
    for (let i = 0; i < a.length; i++) {
      assert.ok(Object.is(a[i], b[i]) || Math.abs(a[i]! - b[i]!) < 1e-6, `feature ${i}: ${a[i]} vs ${b[i]}`);
    }
  });
});

describe('calendar features', () => {
  it('match the UTC calendar for every day over several years', () => {
    const rows = syntheticHistory({ days: 1, perDay: 1, seed: 1 });
    const info = featureInfo(PROFILE_GROUPS).map((f) => f.name);
    const at = (name: string) => info.indexOf(name);
    const state = new ProfileState();
    const out = new Float64Array(info.length);
    for (let day = 10_950; day < 10_950 + 3 * 366 + 400; day++) {
      writeFeatures({ ...rows[0]!.facts, day }, state, out);
      const d = new Date(day * 86_400_000);
      assert.deepEqual(
        [out[at('day_of_week')], out[at('month')], out[at('day_of_month')]],
        [d.getUTCDay(), d.getUTCMonth() + 1, d.getUTCDate()],
        `day ${day}`,
      );
    }
  });
});
