import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Declaration } from '../domain/declaration.ts';
import { newDeclaration, newItem, newParty } from '../testing/factories.ts';
import {
  type CompileOptions,
  compileRuleset,
  compileRulesetOrThrow,
  createValueBandTable,
  type EvaluationContext,
  newList,
  newRule,
  type Rule,
} from './index.ts';

const lists = [
  newList({ name: 'narcotics_source_countries', entries: [{ value: 'CO', reason: 'coca' }, 'PE', 'BO'] }),
  newList({
    name: 'precursors',
    type: 'hs_prefix',
    entries: [
      { value: '28', reason: 'inorganic chemicals' },
      { value: '2812', reason: 'CWC schedule 3: arsenic trichloride' },
    ],
  }),
  newList({
    name: 'watch_parties',
    type: 'party',
    entries: [{ value: 'KR-IMP-0666', reason: 'prior seizure' }],
  }),
  newList({ name: 'risky_routes', type: 'route', entries: ['CO>KR', 'PAMIT>*'] }),
  newList({ name: 'weak_ports', type: 'port', entries: ['PAMIT'] }),
];

function fires(
  condition: string,
  declaration: Declaration = newDeclaration(),
  context?: EvaluationContext,
  options: CompileOptions = {},
) {
  const ruleset = compileRulesetOrThrow([newRule({ condition })], { lists, ...options });
  return ruleset.evaluate(declaration, context).length === 1;
}

describe('tests on the declaration', () => {
  test('comparisons of text, numbers and yes/no', () => {
    assert.ok(fires('declaration.office == "KRPUS01"'));
    assert.ok(fires('declaration.office = "KRPUS01"'), '= reads as == for analysts');
    assert.ok(!fires('declaration.office != "KRPUS01"'));
    assert.ok(fires('declaration.customsValue >= 8000 and declaration.customsValue < 8000.01'));
    assert.ok(fires('declaration.lodgedAt >= "2026-03-01" and declaration.lodgedAt < "2026-03-02"'));
  });

  test('and, or, not, with and binding tighter than or', () => {
    assert.ok(
      fires('declaration.office == "X" or declaration.office == "KRPUS01" and declaration.type == "IM"'),
    );
    assert.ok(
      !fires('(declaration.office == "X" or declaration.office == "KRPUS01") and declaration.type == "EX"'),
    );
    assert.ok(fires('not declaration.office == "X"'));
    assert.ok(fires('not (declaration.office == "X" or declaration.type == "EX")'));
  });

  test('arithmetic: duties declared against the customs value', () => {
    assert.ok(fires('declaration.dutiesDeclared / declaration.customsValue < 0.1'));
    assert.ok(fires('declaration.customsValue - declaration.invoiceAmount == 0'));
    assert.ok(fires('-declaration.customsValue + 2 * 4000 == 0'));
    assert.ok(fires('abs(declaration.invoiceAmount - 9000) == 1000'));
  });

  test('parties, transport and national attributes', () => {
    const d = newDeclaration({
      importer: newParty({ id: 'KR-IMP-0666' }),
      attributes: { paymentType: '11' },
    });
    assert.ok(fires('declaration.importer.id == "KR-IMP-0666"', d));
    assert.ok(
      fires('declaration.importer in list("watch_parties")', d),
      'a party is in a party list by its id',
    );
    assert.ok(fires('declaration.seller.country in list("narcotics_source_countries")'));
    assert.ok(fires('declaration.transport.portOfLoading startsWith "CO"'));
    assert.ok(fires('country(declaration.transport.portOfLoading) == declaration.dispatchCountry'));
    assert.ok(fires('declaration.attributes.paymentType == "11"', d));
  });

  test('route lists match by country or place on each side', () => {
    assert.ok(
      fires(
        'route(declaration.transport.portOfLoading, declaration.transport.portOfDischarge) in list("risky_routes")',
      ),
    );
    const viaPanama = newDeclaration({ transport: { portOfLoading: 'PAMIT', portOfDischarge: 'JPTYO' } });
    assert.ok(
      fires(
        'route(declaration.transport.portOfLoading, declaration.transport.portOfDischarge) in list("risky_routes")',
        viaPanama,
      ),
    );
    const elsewhere = newDeclaration({ transport: { portOfLoading: 'CNSHA', portOfDischarge: 'KRPUS' } });
    assert.ok(
      !fires(
        'route(declaration.transport.portOfLoading, declaration.transport.portOfDischarge) in list("risky_routes")',
        elsewhere,
      ),
    );
  });
});

describe('tests on items', () => {
  const items = [
    newItem({
      sequence: 1,
      hsCode: '0901210000',
      origin: 'BR',
      quantity: 1000,
      value: 8000,
      netMassKg: 1000,
    }),
    newItem({ sequence: 2, hsCode: '2812100000', origin: 'CN', quantity: 50, value: 91, netMassKg: 40 }),
  ];
  const d = newDeclaration({ items });

  test('any and all over the items', () => {
    assert.ok(fires('any item in declaration.items: item.hsCode startsWith "2812"', d));
    assert.ok(!fires('all item in declaration.items: item.hsCode startsWith "2812"', d));
    assert.ok(fires('all item in declaration.items: item.value > 90', d));
    assert.ok(
      !fires('any item in declaration.items: item.hsCode startsWith "0901" and item.origin == "CN"', d),
    );
  });

  test('unit value and value per kg are derived', () => {
    assert.ok(fires('any item in declaration.items: item.unitValue == 1.82', d));
    assert.ok(fires('any item in declaration.items: item.valuePerKg == 2.275', d));
    assert.ok(fires('any item in declaration.items: item.hsHeading == "2812" and item.hsChapter == "28"', d));
  });

  test('HS prefix lists match by prefix, and quote the most precise entry', () => {
    const ruleset = compileRulesetOrThrow(
      [newRule({ condition: 'any item in declaration.items: item.hsCode in list("precursors")' })],
      { lists },
    );
    const [fired] = ruleset.evaluate(d);
    assert.deepEqual(fired?.evidence[0]?.listEntry, {
      list: 'precursors',
      version: 1,
      value: '2812',
      reason: 'CWC schedule 3: arsenic trichloride',
    });
    assert.equal(
      fired?.evidence[0]?.text,
      'item = declaration.items[1]: item.hsCode "2812100000" in precursors (entry "2812"): CWC schedule 3: arsenic trichloride',
    );
  });

  test('membership in a written list and in a field holding several values', () => {
    assert.ok(fires('any item in declaration.items: item.origin in ["CN", "VN"]', d));
    assert.ok(fires('any item in declaration.items: item.origin not in ["CN", "VN"]', d));
    const cargo = {
      bills: [{ transshipmentPorts: ['PAMIT', 'MXZLO'] }],
    } as unknown as EvaluationContext['cargo'];
    assert.ok(fires('any bill in cargo.bills: "MXZLO" in bill.transshipmentPorts', d, { cargo }));
  });

  test('nested quantifiers: a tax on an item', () => {
    assert.ok(fires('any item in declaration.items: any tax in item.taxes: tax.rate == 8', d));
    assert.ok(fires('size(declaration.items) == 2 and declaration.itemCount == 2', d));
  });
});

describe('missing values are unknown, and a rule fires only on what is there', () => {
  const bare = newDeclaration({
    importer: undefined,
    dispatchCountry: undefined,
    items: [newItem({ quantity: undefined })],
  });

  test('a test on a missing value does not fire, nor does its negation', () => {
    assert.ok(!fires('declaration.importer.country == "KR"', bare));
    assert.ok(!fires('declaration.importer.country != "KR"', bare));
    assert.ok(!fires('not (declaration.importer.country == "KR")', bare));
    assert.ok(!fires('declaration.dispatchCountry in list("narcotics_source_countries")', bare));
    assert.ok(!fires('declaration.dispatchCountry not in list("narcotics_source_countries")', bare));
  });

  test('but `or` with a true side and `and` with a false side are decided', () => {
    assert.ok(fires('declaration.importer.country == "KR" or declaration.office == "KRPUS01"', bare));
    assert.ok(fires('not (declaration.importer.country == "KR" and declaration.office == "X")', bare));
  });

  test('exists() tests presence and is never unknown', () => {
    assert.ok(fires('not exists(declaration.importer)', bare));
    assert.ok(fires('exists(declaration.importer)'));
    assert.ok(fires('not exists(declaration.documents)'));
  });

  test('a unit value without a quantity, or with quantity 0, is unknown rather than infinite', () => {
    assert.ok(!fires('any item in declaration.items: item.unitValue > 0', bare));
    const zero = newDeclaration({ items: [newItem({ quantity: 0 })] });
    assert.ok(!fires('any item in declaration.items: item.unitValue > 1000', zero));
    assert.ok(!fires('any item in declaration.items: item.value / item.quantity > 1000', zero));
  });

  test('`all` over no elements is unknown, never vacuously true', () => {
    assert.ok(!fires('all c in declaration.transport.containers: c.reefer'));
    assert.ok(!fires('not (all c in declaration.transport.containers: c.reefer)'));
  });
});

describe('value-control bands, context facts, scope and validity', () => {
  const bands = createValueBandTable([
    { hsCode: '0901', low: 4.1, median: 6.5, high: 9.8 },
    { hsCode: '0901', origin: 'CO', low: 5.2, median: 7.0, high: 10.5 },
  ]);
  const cheap = newDeclaration({ items: [newItem({ origin: 'CO', quantity: 1000, value: 5000 })] });

  test('unitValueBelowBand uses the most precise band and quotes it', () => {
    const ruleset = compileRulesetOrThrow(
      [newRule({ condition: 'any item in declaration.items: unitValueBelowBand(item)' })],
      { lists },
    );
    const [fired] = ruleset.evaluate(cheap, { bands });
    assert.equal(
      fired?.evidence[0]?.text,
      'item = declaration.items[0]: unitValueBelowBand(item): unit value 5 < band low 5.2 (band for HS 0901 from CO)',
    );
    assert.equal(ruleset.evaluate(cheap).length, 0, 'no bands, no verdict');
  });

  test('band(item) fields can be used in arithmetic', () => {
    assert.ok(
      fires('any item in declaration.items: item.unitValue < 0.75 * band(item).median', cheap, { bands }),
    );
    assert.ok(
      !fires('any item in declaration.items: item.unitValue < 0.7 * band(item).median', cheap, { bands }),
    );
  });

  test('facts are typed: declared ones can be tested, others are unknown fields', () => {
    assert.ok(fires('facts.importerAgeDays < 30', undefined, { facts: { importerAgeDays: 12 } }));
    assert.ok(
      fires(
        'facts.sanctionsHit',
        undefined,
        { facts: { sanctionsHit: true } },
        { facts: { sanctionsHit: 'bool' } },
      ),
    );
    const result = compileRuleset([newRule({ condition: 'facts.sanctionsHit' })], { lists });
    assert.ok(!result.ok && result.problems[0]?.code === 'SIEVE_ERR_RULE_UNKNOWN_FIELD');
  });

  test('scope limits a rule to offices, procedures and modes', () => {
    const rule = (scope: Rule['scope']) =>
      compileRulesetOrThrow([newRule({ condition: 'declaration.customsValue > 0', scope })]);
    const d = newDeclaration();
    assert.equal(rule({ offices: ['KRPUS01', 'KRINC01'] }).evaluate(d).length, 1);
    assert.equal(rule({ offices: ['KRINC01'] }).evaluate(d).length, 0);
    assert.equal(rule({ procedures: ['4000'], modes: ['1'] }).evaluate(d).length, 1);
    assert.equal(rule({ modes: ['4'] }).evaluate(d).length, 0);
  });

  test('validity: a rule applies from validFrom through the whole day of validTo', () => {
    const rs = compileRulesetOrThrow([
      newRule({ id: 'FROM', validFrom: '2026-03-01' }),
      newRule({ id: 'UNTIL', validTo: '2026-02-28' }),
      newRule({ id: 'THROUGH', validTo: '2026-03-01' }),
      newRule({ id: 'LATER', validFrom: '2026-03-01T09:00:01Z' }),
    ]);
    assert.deepEqual(
      rs.evaluate(newDeclaration()).map((r) => r.ruleId),
      ['FROM', 'THROUGH'],
    );
    assert.deepEqual(
      rs.evaluate(newDeclaration(), { asOf: '2026-03-02T00:00:00.000Z' }).map((r) => r.ruleId),
      ['FROM', 'LATER'],
    );
  });
});

describe('evaluation is safe and deterministic', () => {
  test('nothing in a rule reaches beyond the declaration model', () => {
    for (const condition of [
      'declaration.constructor == "x"',
      'declaration.__proto__ == "x"',
      'require("fs") == "x"',
      'process.env.HOME == "x"',
      'eval("1") == 1',
    ]) {
      const result = compileRuleset([newRule({ condition })]);
      assert.ok(!result.ok, condition);
    }
  });

  test('the same declaration gives the same fired rules and explanations, call after call', () => {
    const rs = compileRulesetOrThrow(
      [
        newRule({
          id: 'A',
          condition: 'any item in declaration.items: item.origin in list("narcotics_source_countries")',
        }),
        newRule({ id: 'B', condition: 'declaration.importer in list("watch_parties")' }),
        newRule({ id: 'C', condition: 'declaration.customsValue > 1000 or declaration.office == "X"' }),
      ],
      { lists },
    );
    const d1 = newDeclaration();
    const d2 = newDeclaration({
      importer: newParty({ id: 'KR-IMP-0666' }),
      items: [newItem({ origin: 'KR' })],
    });
    const run = () =>
      JSON.parse(JSON.stringify([rs.evaluate(d1), rs.evaluate(d2)])) as {
        ruleId: string;
        evidence: unknown[];
      }[][];
    const first = run();
    for (let i = 0; i < 3; i++) assert.deepEqual(run(), first);
    assert.ok(first.flat().every((r) => r.evidence.length > 0));
    assert.deepEqual(
      first.map((f) => f.map((r) => r.ruleId)),
      [
        ['A', 'C'],
        ['B', 'C'],
      ],
    );
  });

  test('rules fire in ruleset order whatever the index finds first', () => {
    const rs = compileRulesetOrThrow([
      newRule({ id: 'Z', condition: 'declaration.customsValue > 0' }),
      newRule({ id: 'A', condition: 'declaration.office == "KRPUS01"' }),
      newRule({ id: 'M', condition: 'any item in declaration.items: item.hsCode startsWith "09"' }),
    ]);
    assert.deepEqual(
      rs.evaluate(newDeclaration()).map((r) => r.ruleId),
      ['Z', 'A', 'M'],
    );
  });

  test('the ruleset records the versions of the lists its rules use', () => {
    const rs = compileRulesetOrThrow(
      [newRule({ condition: 'declaration.importer in list("watch_parties")' })],
      { lists: [...lists, newList({ name: 'unused', version: 9 })] },
    );
    assert.deepEqual(rs.listVersions, { watch_parties: 1 });
  });
});
