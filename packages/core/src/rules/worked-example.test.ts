import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { CargoReport } from '../domain/cargo-report.ts';
import type { Declaration } from '../domain/declaration.ts';
import { validateRecord } from '../domain/validate.ts';
import { newDeclaration, newItem, newParty } from '../testing/factories.ts';
import { compileRulesetOrThrow, type FiredRule, loadListsFromYaml, loadRulesFromYaml } from './index.ts';

/**
 * Score at which a declaration goes to the red lane (physical inspection) in
 * this example. The lead's lane thresholds replace this constant when they
 * land; the worked example must reach it with its eight indicators.
 */
const RED_THRESHOLD = 100;

const examples = new URL('../../../../rules/examples/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, examples), 'utf8');

function exampleRuleset() {
  const lists = loadListsFromYaml(read('worked-example.lists.yaml'));
  assert.ok(lists.ok, JSON.stringify(!lists.ok && lists.problems));
  const rules = loadRulesFromYaml(read('worked-example.rules.yaml'));
  assert.ok(rules.ok, JSON.stringify(!rules.ok && rules.problems));
  return compileRulesetOrThrow(rules.rules, { lists: lists.lists, locators: rules.locators });
}

const shipper = newParty({ id: 'CO-SHP-0917', name: 'Frutas del Caribe S.A.S.', country: 'CO' });
const consignee = newParty({ id: 'KR-CNS-4471', name: 'Daehan Fresh Trading', country: 'KR' });

/** The manifest of the worked example: one bill, one 20-foot dry container of bananas. */
function manifest(overrides: Partial<CargoReport['bills'][number]> = {}): CargoReport {
  const input = {
    id: 'CUSCAR-2026-0301-077',
    version: 1,
    reportedAt: '2026-02-27T06:00:00Z',
    office: 'KRPUS01',
    carrier: newParty({ id: 'DK-CAR-0001', name: 'Oceanic Container Line', country: 'DK' }),
    conveyance: { id: 'IMO9321483', name: 'MSC AURORA', mode: '1', nationality: 'PA' },
    voyage: '024E',
    bills: [
      {
        number: 'OCLU-COBAQ-77120',
        shipper,
        consignee,
        goodsDescription: 'FRESH BANANAS CAVENDISH 1,080 CARTONS',
        hsCode: '0803.90',
        packages: { count: 1080, type: 'CT' },
        grossMassKg: 15_200,
        containers: [
          { id: 'MSKU7730142', type: '22G1', maxPayloadKg: 28_180, refrigerated: false, seals: ['CO448121'] },
        ],
        placeOfReceipt: 'COBAQ',
        placeOfLoading: 'COCTG',
        transshipmentPorts: ['PAMIT'],
        placeOfDischarge: 'KRPUS',
        placeOfDelivery: 'KRPUS',
        deliveryAddress: { line: 'P.O. Box 4471', city: 'Busan', country: 'KR' },
        ...overrides,
      },
    ],
  };
  const parsed = validateRecord('cargo-report', input);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  return parsed.value;
}

function bananaDeclaration(): Declaration {
  return newDeclaration({
    id: 'DEC-2026-0301-0042',
    importer: consignee,
    consignee,
    seller: shipper,
    dispatchCountry: 'CO',
    items: [
      newItem({
        hsCode: '0803900000',
        description: 'Fresh bananas',
        origin: 'CO',
        quantity: 13_000,
        value: 9_100,
      }),
    ],
  });
}

const score = (fired: readonly FiredRule[]) => fired.reduce((s, r) => s + r.points, 0);

/** The officer's view: one line per rule, with its points and the values that made it fire. */
function explanation(fired: readonly FiredRule[]): string[] {
  return fired.map(
    (r) => `${r.ruleId} (+${r.points}) ${r.title}: ${r.evidence.map((e) => e.text).join('; ')}`,
  );
}

describe('worked example: a cocaine shipment behind bananas', () => {
  const ruleset = exampleRuleset();
  const context = { cargo: manifest(), facts: { shipperConsigneeOneToOne: true } };

  test('all eight indicator rules fire and the score reaches red', () => {
    const fired = ruleset.evaluate(bananaDeclaration(), context);
    assert.deepEqual(
      fired.map((r) => r.ruleId),
      [
        'NARC-RECEIPT-SOURCE',
        'NARC-LOADING-SOURCE',
        'SEC-WEAK-TRANSSHIPMENT',
        'NARC-COVER-LOAD',
        'NARC-CONTAINER-MISMATCH',
        'NARC-UNDERWEIGHT',
        'NARC-EXCLUSIVE-PAIR',
        'SEC-PO-BOX-DELIVERY',
      ],
    );
    assert.equal(score(fired), 110);
    assert.ok(score(fired) >= RED_THRESHOLD);
  });

  test('the explanation lists the eight rules with their points and the values that made them fire', () => {
    const lines = explanation(ruleset.evaluate(bananaDeclaration(), context));
    assert.deepEqual(lines, [
      'NARC-RECEIPT-SOURCE (+15) Goods received in a narcotics source country: bill = cargo.bills[0]: country(bill.placeOfReceipt) "CO" in narcotics_source_countries: coca cultivation and cocaine production',
      'NARC-LOADING-SOURCE (+10) Loaded in a narcotics source country: bill = cargo.bills[0]: country(bill.placeOfLoading) "CO" in narcotics_source_countries: coca cultivation and cocaine production',
      'SEC-WEAK-TRANSSHIPMENT (+15) Transshipped in a port with weak security: bill = cargo.bills[0], port = bill.transshipmentPorts[0]: port "PAMIT" in weak_security_ports: illustrative - transshipment hub with reported container contamination',
      'NARC-COVER-LOAD (+15) Known cover load: bill = cargo.bills[0]: bill.hsCode "080390" in cover_loads (entry "0803"): bananas - the most frequent cover load for cocaine',
      'NARC-CONTAINER-MISMATCH (+20) Perishable goods in a container that is not refrigerated: bill = cargo.bills[0]: bill.hsCode "080390" in reefer_commodities (entry "0803"): fresh bananas ripen and rot in a dry container; bill = cargo.bills[0], container = bill.containers[0]: container.reefer is false',
      'NARC-UNDERWEIGHT (+10) Container far below its payload: bill = cargo.bills[0]: bill.grossMassKg 15200 < 0.63 * bill.maxPayloadKg (17753.4)',
      'NARC-EXCLUSIVE-PAIR (+10) Shipper and consignee trade only with each other: facts.shipperConsigneeOneToOne is true',
      'SEC-PO-BOX-DELIVERY (+15) Delivery to a post-office box: bill = cargo.bills[0]: isPoBox(bill.deliveryAddress): address line "P.O. Box 4471" is a post-office box',
    ]);
  });

  test('the evidence carries the values themselves, not only text', () => {
    const fired = ruleset.evaluate(bananaDeclaration(), context);
    const weight = fired.find((r) => r.ruleId === 'NARC-UNDERWEIGHT');
    assert.deepEqual(weight?.evidence[0]?.values, [
      { expr: 'bill.grossMassKg', value: 15_200 },
      { expr: '0.63 * bill.maxPayloadKg', value: 0.63 * 28_180 },
    ]);
    const receipt = fired.find((r) => r.ruleId === 'NARC-RECEIPT-SOURCE');
    assert.deepEqual(receipt?.evidence[0]?.listEntry, {
      list: 'narcotics_source_countries',
      version: 1,
      value: 'CO',
      reason: 'coca cultivation and cocaine production',
    });
  });

  test('an honest banana shipment in a reefer to a street address stays well below red', () => {
    const cargo = manifest({
      grossMassKg: 26_500,
      containers: [{ id: 'MSKU7730150', type: '45R1', maxPayloadKg: 29_000, refrigerated: true }],
      transshipmentPorts: [],
      placeOfReceipt: 'PHDVO',
      placeOfLoading: 'PHDVO',
      deliveryAddress: { line: '55 Jungang-daero', city: 'Busan', country: 'KR' },
    });
    const fired = ruleset.evaluate(bananaDeclaration(), {
      cargo,
      facts: { shipperConsigneeOneToOne: false },
    });
    assert.deepEqual(
      fired.map((r) => r.ruleId),
      ['NARC-COVER-LOAD'],
    );
    assert.ok(score(fired) < RED_THRESHOLD);
  });

  test('without a linked cargo report no manifest rule fires, and none errs', () => {
    const fired = ruleset.evaluate(bananaDeclaration(), { facts: { shipperConsigneeOneToOne: true } });
    assert.deepEqual(
      fired.map((r) => r.ruleId),
      ['NARC-EXCLUSIVE-PAIR'],
    );
  });
});
