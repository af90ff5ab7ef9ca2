import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newRule } from '../rules/new-rule.ts';
import { compileRulesetOrThrow } from '../rules/ruleset.ts';
import { createValueBandTable } from '../rules/value-bands.ts';
import { newDeclaration, newItem, newParty } from '../testing/factories.ts';
import { deriveHistoryLists, historyListSpecSchema } from './history-lists.ts';
import { TradeHistory } from './trade-history.ts';
import { computeValueBands, percentile } from './value-band-builder.ts';

describe('value bands from history', () => {
  test('percentiles interpolate between order statistics', () => {
    assert.equal(percentile([1, 2, 3, 4], 50), 2.5);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 10), 2);
  });

  test('bands per HS prefix and per origin, only where enough items back them', () => {
    const items = [
      ...Array.from({ length: 21 }, (_, i) => ({
        hsCode: '090121',
        origin: 'CO',
        value: 100 + 10 * i,
        quantity: 10,
      })),
      ...Array.from({ length: 5 }, () => ({ hsCode: '090122', origin: 'BR', value: 50, quantity: 10 })),
    ];
    const set = computeValueBands(items, { minObservations: 20 });
    assert.deepEqual(
      set.bands.map((b) => [b.hsCode, b.origin ?? '*', b.low, b.median, b.high, b.observations]),
      [
        ['0901', '*', 5, 17.5, 27.5, 26],
        ['0901', 'CO', 12, 20, 28, 21],
        ['090121', '*', 12, 20, 28, 21],
        ['090121', 'CO', 12, 20, 28, 21],
      ],
    );
    const table = createValueBandTable(set.bands);
    assert.equal(
      table.find('0901220000', 'BR')?.hsCode,
      '0901',
      'a code without its own band falls back to its heading',
    );
  });

  test('per-kg bands feed rules that test value per kg', () => {
    const items = Array.from({ length: 30 }, (_, i) => ({
      hsCode: '440890',
      value: 1000 + i,
      netMassKg: 100,
    }));
    const set = computeValueBands(items, { basis: 'kg', low: 5, high: 95 });
    const ruleset = compileRulesetOrThrow([
      newRule({ condition: 'any item in declaration.items: item.valuePerKg < band(item).low' }),
    ]);
    const cheap = newDeclaration({ items: [newItem({ hsCode: '440890', value: 500, netMassKg: 100 })] });
    const fair = newDeclaration({ items: [newItem({ hsCode: '440890', value: 1015, netMassKg: 100 })] });
    const bands = createValueBandTable(set.bands);
    assert.equal(ruleset.evaluate(cheap, { bands }).length, 1);
    assert.equal(ruleset.evaluate(fair, { bands }).length, 0);
  });
});

describe('reference lists derived from history', () => {
  const rows = [
    ...Array.from({ length: 4 }, (_, i) => ({
      declaration: newDeclaration({
        id: `A${i}`,
        importer: newParty({ id: 'IMP-A' }),
        items: [newItem({ hsCode: '350400' })],
      }),
      outcome: { finding: i < 3 },
    })),
    ...Array.from({ length: 4 }, (_, i) => ({
      declaration: newDeclaration({
        id: `B${i}`,
        importer: newParty({ id: 'IMP-B' }),
        items: [newItem({ hsCode: '840000' })],
      }),
      outcome: { finding: false },
    })),
    { declaration: newDeclaration({ id: 'C', importer: newParty({ id: 'IMP-C' }) }) },
  ];

  test('risk profiles keep the keys whose inspections often found something, with the figures as reasons', () => {
    const spec = historyListSpecSchema.parse({
      name: 'risky_hs6',
      key: 'hs6',
      minInspections: 3,
      minFindingRate: 0.5,
    });
    const [list] = deriveHistoryLists(rows, [spec], { version: 4 });
    assert.deepEqual(list, {
      name: 'risky_hs6',
      type: 'hs_prefix',
      version: 4,
      description: 'Derived from history by key hs6.',
      entries: [{ value: '350400', reason: '3 of 4 past inspections found something (75%; average 38%)' }],
    });
  });

  test('lists of what is known hold every key seen', () => {
    const spec = historyListSpecSchema.parse({ name: 'known_importers', key: 'importer' });
    const [list] = deriveHistoryLists(rows, [spec]);
    assert.equal(list?.type, 'party');
    assert.deepEqual(
      list?.entries.map((e) => e.value),
      ['IMP-A', 'IMP-B', 'IMP-C'],
    );
    assert.equal(list?.entries[2]?.reason, 'seen on 1 declaration, 2026-03-01 to 2026-03-01');
  });
});

describe('trade history facts', () => {
  const at = (day: number) => `2026-01-${String(day).padStart(2, '0')}T10:00:00Z`;
  const dec = (id: string, importer: string, seller: string, day: number) =>
    newDeclaration({
      id,
      importer: newParty({ id: importer }),
      seller: newParty({ id: seller }),
      lodgedAt: at(day),
    });

  test('describes the past before the declaration only', () => {
    const h = new TradeHistory();
    const first = dec('1', 'IMP', 'SEL', 1);
    assert.deepEqual(h.facts(first), {
      importerAgeDays: 0,
      importerDeclarationsLastYear: 0,
      shipperConsigneeOneToOne: true,
    });
    h.observe(first);
    h.observe(first);
    const later = dec('2', 'IMP', 'SEL', 11);
    assert.deepEqual(h.facts(later), {
      importerAgeDays: 10,
      importerDeclarationsLastYear: 1,
      shipperConsigneeOneToOne: true,
    });
    h.observe(later);
    h.observe(dec('3', 'OTHER', 'SEL', 12));
    assert.equal(
      h.facts(dec('4', 'IMP', 'SEL', 13)).shipperConsigneeOneToOne,
      false,
      'the seller now ships to two importers',
    );
    assert.equal(
      h.facts(dec('5', 'IMP', 'SEL', 12)).shipperConsigneeOneToOne,
      true,
      'not yet on the 12th itself',
    );
  });

  test('observing later declarations first leaks nothing into earlier facts', () => {
    const inOrder = new TradeHistory();
    const reversed = new TradeHistory();
    const ds = [
      dec('1', 'IMP', 'SEL', 1),
      dec('2', 'IMP', 'SEL', 5),
      dec('3', 'OTHER', 'SEL', 9),
      dec('4', 'IMP', 'X', 20),
    ];
    for (const d of ds) inOrder.observe(d);
    for (const d of [...ds].reverse()) reversed.observe(d);
    for (const d of ds) assert.deepEqual(reversed.facts(d), inOrder.facts(d));
    assert.deepEqual(
      ds.map((d) => inOrder.facts(d).shipperConsigneeOneToOne),
      [true, true, false, false],
    );
  });
});
