import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Lane } from '@sieve/core/ensemble';
import {
  type Assessment,
  computeValueBands,
  deriveHistoryLists,
  explainAssessment,
  lookoutToJson,
} from '@sieve/core/scoring';
import { loadSnapshot, policySummary, scoreDeclarations } from '@sieve/pipeline';
import type { Store } from '@sieve/store';
import { progress } from '../progress.ts';
import { demoModel, demoWatchlist } from './demo-layers.ts';
import {
  compileFile,
  readHistorySpecs,
  readListFiles,
  readLookoutFiles,
  readPolicyFile,
  readRulesFile,
  storedHistory,
} from './risk-files.ts';

const EXAMPLES = new URL('../../../../rules/examples/', import.meta.url).pathname;
const CONTROL: readonly Lane[] = ['red', 'yellow'];

interface Scored {
  lane: Lane;
  riskLane: Lane;
  random: boolean;
}

/**
 * The risk engine part of `npm run demo`: value bands and trader lists from
 * the first weeks of the generated data, the example ruleset, lookouts and
 * policy stored and activated (audited), the generator's lookout list
 * imported as the active watchlist with a policy, a model trained on the
 * inspections of those weeks and activated, the rest of the period scored
 * into stored decisions; then the lanes, the rules that fired most, the
 * planted fraud patterns caught (from the generator's truth.ndjson, never
 * shown to the rules) and one explanation.
 *
 * @example await demoRiskEngine(store, { dataDir, start: '2026-01-01', historyDays: 30, seed: 42 });
 */
export async function demoRiskEngine(
  store: Store,
  o: { dataDir: string; start: string; historyDays: number; seed: number; step: number },
): Promise<void> {
  const actor = 'demo';
  const cut = new Date(Date.parse(`${o.start}T00:00:00Z`) + o.historyDays * 86_400_000).toISOString();
  console.log(`${o.step}. risk engine: history before ${cut.slice(0, 10)}, declarations from then on scored`);
  const history = (await storedHistory(store)).filter((r) => r.declaration.lodgedAt < cut);
  const inspected = history.filter((r) => r.outcome).length;
  const derived = deriveHistoryLists(history, readHistorySpecs(join(EXAMPLES, 'demo.history.yaml')), {
    source: `first ${o.historyDays} days`,
  });
  const bands = computeValueBands(
    history.flatMap((r) => r.declaration.items),
    { basis: 'kg', low: 5, high: 95, source: `first ${o.historyDays} days` },
  );
  const lookouts = readLookoutFiles([
    join(EXAMPLES, 'lookouts/cwc-precursors.yaml'),
    join(EXAMPLES, 'lookouts/cites.yaml'),
  ]);
  // A seed from --seed keeps the demo reproducible; production uses a secret 128-bit one.
  const policy = readPolicyFile(join(EXAMPLES, 'demo.policy.yaml'), `sieve-demo-${o.seed}`);
  const rulesFile = join(EXAMPLES, 'demo.rules.yaml');
  const { rules, locators } = readRulesFile(rulesFile);
  const lists = [...readListFiles([join(EXAMPLES, 'demo.lists.yaml')]), ...derived];
  const compiled = compileFile(rulesFile, rules, lists, locators);
  const why = 'demo: example ruleset on synthetic data';
  await store.riskArtifacts.put('bands', bands, {
    actor,
    activate: true,
    reason: why,
    summary: `${bands.bands.length} bands per kg, p5-p95`,
  });
  await store.riskArtifacts.put('lookouts', lookouts.map(lookoutToJson), {
    actor,
    activate: true,
    reason: why,
  });
  await store.riskArtifacts.put('policy', policy, {
    actor,
    activate: true,
    reason: why,
    summary: policySummary(policy),
  });
  const draft = await store.rulesets.createDraft({
    name: 'demo',
    rules,
    lists: lists.filter((l) => l.name in compiled.listVersions),
    actor,
    reason: why,
  });
  await store.rulesets.activate('demo', draft.version.version, actor, why);
  console.log(
    `   ${history.length.toLocaleString('en')} declarations of history (${inspected} inspected): ${bands.bands.length} value bands, ` +
      derived.map((l) => `${l.entries.length} ${l.name.replace(/_/g, ' ')}`).join(', '),
  );
  console.log(
    `   ruleset demo@${draft.version.version} active: ${rules.length} rules; lookouts ${lookouts.map((l) => l.list.name).join(', ')}`,
  );
  console.log(`   policy: ${policySummary(policy)}`);
  await demoWatchlist(store, { dataDir: o.dataDir, seed: o.seed });
  // The latest quarter of the history measures the model, which never sees the period scored below.
  const validFrom = new Date(Date.parse(cut) - Math.round(o.historyDays / 4) * 86_400_000).toISOString();
  await demoModel(store, history, { validFrom, cut, seed: o.seed });

  const loaded = await loadSnapshot(store, { ruleset: 'demo', actor });
  const scored = new Map<string, Scored>();
  let best: Assessment | undefined;
  const p = progress('   score');
  let last = 0;
  const result = await scoreDeclarations(store, store.declarations.inLodgementOrder({ from: cut }), loaded, {
    actor,
    source: `${o.dataDir} (from ${cut.slice(0, 10)})`,
    // The demo replays a month in seconds as if assessed live: each declaration a minute and a half after
    // lodgement, so the dashboard's time from lodgement to release reads as it would in service.
    assessedAt: (a) => new Date(Date.parse(a.lodgedAt) + 90_000).toISOString(),
    onProgress: (n) => {
      p.tick(n - last);
      last = n;
    },
    onAssessment: (a) => {
      scored.set(a.declarationId, { lane: a.lane, riskLane: a.riskLane, random: a.random.drawn });
      if (
        a.lane === 'red' &&
        !a.random.drawn &&
        (!best || a.points > best.points || (a.points === best.points && a.rules.length > best.rules.length))
      )
        best = a;
    },
  });
  p.done();
  const total = scored.size;
  const pct = (n: number, of = total) => (of ? `${((100 * n) / of).toFixed(1)}%` : '');
  console.log(
    `   run ${result.run.id}: ${total.toLocaleString('en')} declarations scored, ${result.withCargo.toLocaleString('en')} linked to their cargo report; decisions stored`,
  );
  console.table(
    (['red', 'yellow', 'blue', 'green'] as const).map((lane) => ({
      lane,
      declarations: result.lanes[lane],
      share: pct(result.lanes[lane]),
    })),
  );
  console.log(
    `   drawn at random: ${result.random} (${pct(result.random)}), recorded as random whatever their score`,
  );
  const titles = new Map(rules.map((r) => [r.id, r.title]));
  const top = await store.assessments.topRules({ runId: result.run.id, limit: 8 });
  console.log('   rules that fired most:');
  console.table(top.map((t) => ({ rule: t.ruleId, title: titles.get(t.ruleId) ?? '', fired: t.fired })));
  await caught(join(o.dataDir, 'truth.ndjson'), scored);
  if (best) {
    console.log(`   why ${best.declarationId} went to red:`);
    for (const line of explainAssessment(best)) console.log(`     ${line}`);
  }
  console.log();
}

/** Planted patterns among the scored declarations, and how many the lanes send to control. */
async function caught(truthFile: string, scored: ReadonlyMap<string, Scored>): Promise<void> {
  const byPattern = new Map<string, { planted: number; control: number; byRisk: number }>();
  let fraud = 0;
  let fraudControlled = 0;
  let controlled = 0;
  for (const s of scored.values()) if (CONTROL.includes(s.lane)) controlled++;
  const lines = createInterface({ input: createReadStream(truthFile) });
  for await (const line of lines) {
    if (!line) continue;
    const t = JSON.parse(line) as {
      subject: string;
      declarationId?: string;
      patterns: string[];
      fraud?: boolean;
    };
    const s = t.subject === 'declaration' && t.declarationId ? scored.get(t.declarationId) : undefined;
    if (!s) continue;
    const control = CONTROL.includes(s.lane);
    if (t.fraud) {
      fraud++;
      if (control) fraudControlled++;
    }
    for (const pattern of t.patterns) {
      const c = byPattern.get(pattern) ?? { planted: 0, control: 0, byRisk: 0 };
      c.planted++;
      if (control) c.control++;
      if (CONTROL.includes(s.riskLane)) c.byRisk++;
      byPattern.set(pattern, c);
    }
  }
  const rate = controlled / Math.max(1, scored.size);
  console.log(
    `   planted fraud caught (truth.ndjson): red or yellow for ${controlled.toLocaleString('en')} declarations (${(100 * rate).toFixed(1)}%)`,
  );
  console.table(
    [...byPattern].map(([pattern, c]) => ({
      pattern,
      planted: c.planted,
      'sent to control': c.control,
      caught: `${((100 * c.control) / c.planted).toFixed(0)}%`,
      'by the rules': c.byRisk,
      note: pattern === 'lookout-party' ? 'a party on lookouts.csv: the watchlist layer' : '',
    })),
  );
  const precision = fraudControlled / Math.max(1, controlled);
  const base = fraud / Math.max(1, scored.size);
  console.log(
    `   declarations with a findable pattern: ${fraud}, of which ${fraudControlled} sent to control (${((100 * fraudControlled) / Math.max(1, fraud)).toFixed(0)}%); ` +
      `hit rate of control ${(100 * precision).toFixed(1)}% against ${(100 * base).toFixed(1)}% at random (lift ${(precision / Math.max(1e-9, base)).toFixed(1)})`,
  );
}
