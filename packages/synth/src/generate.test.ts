import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import {
  type CargoReport,
  type Declaration,
  type Finding,
  type HouseConsignment,
  type InspectionResult,
  type Party,
  validateRecord,
} from '@sieve/core';
import { commodity } from './data/commodities.ts';
import { SOURCE_COUNTRIES, WEAK_HUBS } from './data/countries.ts';
import { generate, resolveOptions } from './generate.ts';
import type { DeclarationTruth, GenerateOptions, LookoutEntry, SynthRecord } from './types.ts';

// Rates raised so that a small, fast run still plants every pattern several times.
const OPTIONS: GenerateOptions = {
  seed: 20260301,
  count: 1500,
  start: '2026-03-01',
  days: 20,
  rates: {
    concealment: 0.6,
    originTransshipment: 0.3,
    lookout: 0.02,
    misclassification: 0.3,
    riskInspection: 0.2,
  },
};

interface Sample {
  records: SynthRecord[];
  declarations: Declaration[];
  reports: CargoReport[];
  inspections: InspectionResult[];
  parties: Map<string, Party>;
  lookouts: LookoutEntry[];
  truth: Map<string, DeclarationTruth>;
}

function collect(options: GenerateOptions): Sample {
  const s: Sample = {
    records: [],
    declarations: [],
    reports: [],
    inspections: [],
    parties: new Map(),
    lookouts: [],
    truth: new Map(),
  };
  for (const r of generate(options)) {
    s.records.push(r);
    if (r.kind === 'declaration') s.declarations.push(r.value);
    else if (r.kind === 'cargo-report') s.reports.push(r.value);
    else if (r.kind === 'inspection') s.inspections.push(r.value);
    else if (r.kind === 'party') s.parties.set(r.value.id, r.value);
    else if (r.kind === 'lookout') s.lookouts.push(r.value);
    else if (r.value.subject === 'declaration') s.truth.set(r.value.declarationId, r.value);
  }
  return s;
}

function digest(options: GenerateOptions): string {
  const h = createHash('sha256');
  for (const r of generate(options)) h.update(`${r.kind}\t${JSON.stringify(r.value)}\n`);
  return h.digest('hex');
}

function consignments(report: CargoReport): HouseConsignment[] {
  return report.bills.flatMap((b) => [b, ...(b.houseConsignments ?? [])]);
}

const TRANSPORT_DOCS = new Set(['N705', 'N714', 'N740', 'N703']);

describe('generate', () => {
  let s: Sample;
  before(() => {
    s = collect(OPTIONS);
  });

  it('yields the requested number of declarations, each with one truth record', () => {
    assert.equal(s.declarations.length, OPTIONS.count);
    assert.equal(new Set(s.declarations.map((d) => d.id)).size, OPTIONS.count);
    for (const d of s.declarations) assert.ok(s.truth.has(d.id), `no truth for ${d.id}`);
  });

  it('produces declarations, cargo reports and inspections that the core schemas accept', () => {
    const check = (kind: 'declaration' | 'cargo-report' | 'inspection', values: readonly unknown[]) => {
      for (const v of values) {
        const r = validateRecord(kind, v);
        assert.ok(r.ok, `${kind} rejected: ${JSON.stringify(r.ok ? '' : r.errors.slice(0, 3))}`);
      }
    };
    check('declaration', s.declarations);
    check('cargo-report', s.reports);
    check('inspection', s.inspections);
    assert.ok(s.inspections.length > 0);
  });

  it('is deterministic: the same seed and options give the same records, another seed others', () => {
    const small = { ...OPTIONS, count: 300 };
    assert.equal(digest(small), digest(small));
    assert.notEqual(digest(small), digest({ ...small, seed: 7 }));
  });

  it('orders declarations, cargo reports and inspections in time, within the span', () => {
    const start = Date.parse('2026-03-01T00:00:00Z');
    const end = start + 20 * 86_400_000;
    const inOrder = (times: number[], what: string) => {
      for (let i = 1; i < times.length; i++)
        assert.ok(times[i - 1]! <= times[i]!, `${what} out of order at ${i}`);
    };
    const lodged = s.declarations.map((d) => Date.parse(d.lodgedAt));
    inOrder(lodged, 'declarations');
    inOrder(
      s.reports.map((r) => Date.parse(r.reportedAt)),
      'cargo reports',
    );
    inOrder(
      s.inspections.map((r) => Date.parse(r.startedAt)),
      'inspections',
    );
    assert.ok(lodged[0]! >= start && lodged.at(-1)! < end);
  });

  it('emits every party before a record refers to it, always with the same content', () => {
    const seen = new Map<string, string>();
    const check = (p: Party | undefined) => {
      if (!p) return;
      assert.equal(seen.get(p.id), JSON.stringify(p), `party ${p.id} used before it was emitted, or changed`);
    };
    for (const r of s.records) {
      if (r.kind === 'party') seen.set(r.value.id, JSON.stringify(r.value));
      if (r.kind === 'declaration') {
        const d = r.value;
        for (const p of [d.declarant, d.importer, d.seller, d.exporter, d.consignee, d.carrier]) check(p);
      }
      if (r.kind === 'cargo-report') {
        check(r.value.carrier);
        for (const c of consignments(r.value))
          for (const p of [c.shipper, c.consignee, c.notifyParty]) check(p);
      }
    }
  });

  it('makes each declaration refer to a bill of an earlier cargo report, sharing its containers and parties', () => {
    const bills = new Map<string, HouseConsignment>();
    for (const r of s.records) {
      if (r.kind === 'cargo-report') for (const c of consignments(r.value)) bills.set(c.number, c);
      if (r.kind !== 'declaration') continue;
      const d = r.value;
      const doc = d.documents?.find((x) => TRANSPORT_DOCS.has(x.type));
      assert.ok(doc, `${d.id} has no transport document`);
      const bill = bills.get(doc.reference);
      assert.ok(bill, `${d.id} refers to ${doc.reference}, not on an earlier cargo report`);
      assert.equal(bill.consignee.id, d.consignee?.id);
      assert.deepEqual(
        (bill.containers ?? []).map((c) => c.id),
        (d.transport?.containers ?? []).map((c) => c.id),
      );
      assert.equal(bill.placeOfLoading, d.transport?.portOfLoading);
    }
  });

  it('gives importers a long tail: a few lodge much, most lodge little', () => {
    const perImporter = new Map<string, number>();
    for (const d of s.declarations)
      perImporter.set(d.importer!.id, (perImporter.get(d.importer!.id) ?? 0) + 1);
    const counts = [...perImporter.values()].sort((a, b) => b - a);
    const top = counts.slice(0, Math.ceil(counts.length * 0.05)).reduce((a, b) => a + b, 0);
    assert.ok(top / OPTIONS.count > 0.2, `top 5% of importers lodge ${top}`);
    const mean = OPTIONS.count / counts.length;
    const belowMean = counts.filter((c) => c < mean).length / counts.length;
    assert.ok(belowMean > 0.58, `${belowMean}: in a long tail most importers lodge less than the mean`);
  });

  it('plants every pattern', () => {
    const planted = new Set([...s.truth.values()].flatMap((t) => t.patterns));
    for (const p of [
      'undervaluation',
      'misclassification',
      'origin-transshipment',
      'repeat-offender',
      'lookout-party',
      'concealment',
    ] as const) {
      assert.ok(planted.has(p), `no ${p} planted`);
    }
  });

  it('leaves the fields that betray each pattern', () => {
    const bills = new Map(s.reports.flatMap((r) => consignments(r).map((c) => [c.number, c] as const)));
    const billOf = (d: Declaration) =>
      bills.get(d.documents?.find((x) => TRANSPORT_DOCS.has(x.type))?.reference ?? '') as HouseConsignment;
    const lookoutIds = new Set(s.lookouts.map((l) => l.id));
    let receivedInChina = 0;
    let origins = 0;
    for (const d of s.declarations) {
      const t = s.truth.get(d.id)!;
      const item = d.items[0]!;
      const u = t.details.undervaluation;
      if (u) assert.ok(u.declaredValue < u.trueValue && Math.abs(d.customsValue! - u.declaredValue) < 0.05);
      const m = t.details.misclassification;
      if (m) {
        assert.ok(item.hsCode.startsWith(m.declaredHs), `${d.id} declares ${item.hsCode}`);
        const heading = commodity(m.trueHs).description.split(',')[0]!.toLowerCase();
        assert.ok(item.description!.toLowerCase().startsWith(heading), 'the description stays true');
        assert.ok(m.declaredRate < m.trueRate);
      }
      const o = t.details['origin-transshipment'];
      if (o) {
        origins++;
        assert.equal(item.origin, o.declaredOrigin);
        assert.ok(['VN', 'MY'].includes(o.declaredOrigin));
        assert.equal(billOf(d).placeOfReceipt, o.placeOfReceipt);
        if (o.placeOfReceipt.startsWith('CN')) receivedInChina++;
      }
      const c = t.details.concealment;
      if (c) {
        const bill = billOf(d);
        assert.ok(commodity(item.hsCode.slice(0, 6)).cover, 'concealment travels in a cover load');
        assert.ok(SOURCE_COUNTRIES.includes(d.dispatchCountry!));
        assert.ok(WEAK_HUBS.includes(bill.transshipmentPorts?.[0] ?? ''), 'via a weak transshipment hub');
        if (c.signals.includes('po-box')) assert.match(bill.deliveryAddress?.line ?? '', /P\.O\. Box|사서함/);
        if (c.signals.includes('light-container')) {
          const payload = bill.containers!.reduce((sum, x) => sum + x.maxPayloadKg!, 0);
          assert.ok(bill.grossMassKg! < 0.75 * payload);
        }
      }
      for (const hit of t.details['lookout-party'] ?? []) {
        assert.ok(lookoutIds.has(hit.lookoutId));
        const party = [d.importer, d.seller, d.consignee].find((p) => p?.id === hit.partyId);
        assert.equal(party?.name, hit.name, 'the truth records the name as written on the declaration');
      }
      assert.equal(
        t.fraud,
        t.patterns.some((p) => p !== 'repeat-offender' && p !== 'lookout-party'),
      );
    }
    assert.ok(
      receivedInChina > origins / 2,
      'the manifest place of receipt betrays China in most origin cases',
    );
  });

  it('records inspections consistent with what was planted and what the truth says was found', () => {
    const byDeclaration = new Map(s.inspections.map((i) => [i.declarationId, i]));
    let random = 0;
    for (const t of s.truth.values()) {
      const ins = byDeclaration.get(t.declarationId);
      assert.equal(Boolean(ins), Boolean(t.inspection));
      if (!ins || !t.inspection) continue;
      assert.equal(ins.labels?.selection, t.inspection.selection);
      assert.equal(ins.kind, t.inspection.kind);
      if (t.inspection.selection === 'random') random++;
      assert.ok(ins.endedAt! > ins.startedAt);
      const lodged = s.declarations.find((d) => d.id === t.declarationId)!.lodgedAt;
      assert.ok(ins.startedAt > lodged, 'controls start after lodgement');
      for (const p of t.inspection.detected) {
        if (p === 'concealment') {
          const seizure: Finding | undefined = ins.findings.find((f) => f.type === 'seizure');
          assert.equal(seizure?.type === 'seizure' && seizure.quantity, t.details.concealment?.quantityKg);
        } else {
          const adj: Finding | undefined = ins.findings.find((f) => f.type === 'revenue_adjustment');
          assert.equal(adj?.type === 'revenue_adjustment' && adj.amount, t.revenueAtRisk);
        }
      }
      if (t.inspection.detected.length === 0 && !t.inspection.noise) assert.equal(ins.outcome, 'no_finding');
      if (t.inspection.noise) assert.equal(t.fraud, false);
    }
    assert.ok(random > 0, 'some controls are random');
  });

  it('plants nothing and inspects nothing when every rate is zero', () => {
    const zero = Object.fromEntries(
      Object.keys(resolveOptions({ seed: 1, count: 1 }).rates).map((k) => [k, 0]),
    );
    const quiet = collect({ seed: 3, count: 200, rates: zero });
    assert.equal(quiet.inspections.length, 0);
    assert.ok([...quiet.truth.values()].every((t) => t.patterns.length === 0 && t.revenueAtRisk === 0));
  });

  it('rejects bad options with the option named', () => {
    assert.throws(() => resolveOptions({ seed: 1, count: -1 }), /count/);
    assert.throws(() => resolveOptions({ seed: 1, count: 1, start: '2026-02-30' }), /start/);
    assert.throws(() => resolveOptions({ seed: 1, count: 1, days: 0 }), /days/);
    assert.throws(
      () => resolveOptions({ seed: 1, count: 1, rates: { concealment: 2 } }),
      /rates\.concealment/,
    );
    assert.throws(() => resolveOptions({ seed: 1.5, count: 1 }), /seed/);
    assert.throws(() => resolveOptions({ seed: 1, count: 1, parties: 'ids' as 'full' }), /parties/);
  });
});

describe('generate with registered parties by reference', () => {
  let full: Sample;
  let lean: Sample;
  before(() => {
    full = collect(OPTIONS);
    lean = collect({ ...OPTIONS, parties: 'reference' });
  });

  it('gives Korean registered parties and carriers by id, with their details in the party records', () => {
    let byId = 0;
    for (const [i, d] of lean.declarations.entries()) {
      const was = full.declarations[i]!;
      for (const role of ['declarant', 'importer', 'consignee', 'carrier', 'seller'] as const) {
        const p = d[role]!;
        assert.equal(p.id, was[role]!.id);
        const registered = lean.parties.get(p.id);
        assert.ok(registered, `${d.id} ${role} ${p.id} is in no party record`);
        if (Object.keys(p).length === 1) {
          byId++;
          assert.ok(registered.country === 'KR' || role === 'carrier', `${p.id} by id, yet foreign`);
          assert.ok(registered.name && registered.identifiers?.length, `${p.id}: no details in the register`);
        } else {
          assert.deepEqual(p, was[role], `${d.id} ${role} given in full but not as before`);
        }
      }
    }
    assert.ok(byId > lean.declarations.length * 3, `only ${byId} parties by id`);
  });

  it('keeps foreign sellers and the lookout aliases named in full, so screening still sees their names', () => {
    const sellers = lean.declarations
      .map((d) => d.seller!)
      .filter((p) => lean.parties.get(p.id)!.country !== 'KR');
    assert.ok(sellers.length > 0 && sellers.every((p) => p.name !== undefined));
    const aliases = new Set(
      [...lean.truth.values()].flatMap((t) => (t.details['lookout-party'] ?? []).map((h) => h.partyId)),
    );
    const named = lean.declarations.flatMap((d) => [d.importer!, d.seller!]).filter((p) => aliases.has(p.id));
    assert.ok(named.length > 0 && named.every((p) => p.name !== undefined));
  });

  it('changes nothing else: same records but for the parties, the same party records, all valid', () => {
    assert.equal(lean.records.length, full.records.length);
    assert.deepEqual([...lean.parties.values()], [...full.parties.values()]);
    const strip = (d: Declaration) => ({
      ...d,
      declarant: 0,
      importer: 0,
      exporter: 0,
      seller: 0,
      consignee: 0,
      carrier: 0,
    });
    assert.deepEqual(lean.declarations.map(strip), full.declarations.map(strip));
    for (const d of lean.declarations) assert.ok(validateRecord('declaration', d).ok, d.id);
    const size = (x: Sample) => x.declarations.reduce((n, d) => n + JSON.stringify(d).length, 0);
    assert.ok(size(lean) < size(full) * 0.7, `lean ${size(lean)} bytes, full ${size(full)}`);
  });
});
