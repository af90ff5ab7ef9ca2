// Benchmark of the predictive model on the KCS data: training time on
// train.csv, then scoring throughput on one core (declaration -> features
// from the history snapshot -> trees -> probability), as the risk engine
// calls it, and explanation throughput (the TreeSHAP reasons `explainScore`
// gives an officer). Usage: npm run bench:model [-- --model <model.json>]
// [-- --explain-every <k>] (a given model skips training; explanations are
// timed on every k-th validation declaration, all by default). Last line: JSON.
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import {
  declarationFacts,
  explainScore,
  loadRiskModel,
  type RiskModelJson,
  trainRiskModel,
} from '@sieve/core/model';
import { readLabelled } from '../packages/cli/src/commands/model.command.ts';

const dir = '../shared/data/kcs';
if (!existsSync(`${dir}/train.csv`)) {
  console.error(`bench:model needs ${dir}/train.csv and valid.csv (the KCS data set); not found`);
  process.exit(1);
}
const modelArg = process.argv.indexOf('--model');
const everyArg = process.argv.indexOf('--explain-every');
const explainEvery = everyArg > 0 ? Number.parseInt(process.argv[everyArg + 1]!, 10) : 1;
if (!(explainEvery >= 1)) {
  console.error('--explain-every takes a whole number from 1');
  process.exit(1);
}
const valid = (await readLabelled(`${dir}/valid.csv`, 'kcs')).rows;

let json: RiskModelJson;
let trainSeconds: number | null = null;
let trainCpuSeconds: number | null = null;
if (modelArg > 0) {
  json = JSON.parse(readFileSync(process.argv[modelArg + 1]!, 'utf8')) as RiskModelJson;
} else {
  console.error('training on train.csv (valid.csv reported)...');
  const t0 = performance.now();
  const train = (await readLabelled(`${dir}/train.csv`, 'kcs')).rows;
  const cpu = process.cpuUsage();
  json = trainRiskModel({ train, valid, seed: 1 });
  const used = process.cpuUsage(cpu);
  trainCpuSeconds = (used.user + used.system) / 1e6;
  trainSeconds = (performance.now() - t0) / 1000;
  console.error(`trained in ${trainSeconds.toFixed(1)}s, ${json.rounds} trees`);
}
const model = loadRiskModel(json);
const history = model.historyBefore('2021-01-01');
const declarations = valid.map((r) => r.declaration);

// Warm up the JIT, then time whole passes over the validation declarations. On a shared machine wall
// time counts other people's work too; CPU time of this single-threaded loop is the time on one core.
let sink = 0;
for (let i = 0; i < 2; i++) for (const d of declarations) sink += model.score(d, history).probability;
const passes = 10;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < passes; i++) {
  for (const d of declarations) sink += model.score(d, history).probability;
  console.error(`pass ${i + 1}/${passes}`);
}
const seconds = (performance.now() - t0) / 1000;
const cpuUsed = process.cpuUsage(cpu0);
const cpuSeconds = (cpuUsed.user + cpuUsed.system) / 1e6;
const scored = passes * declarations.length;
// Trees alone, features precomputed: how much of the time is the ensemble itself.
const facts = declarations.map(declarationFacts);
const t1 = performance.now();
for (let i = 0; i < passes; i++) for (const f of facts) sink += model.scoreFacts(f, history).margin;
const factsSeconds = (performance.now() - t1) / 1000;
// Explanations, as the assessment API asks for them (six reasons): one call per declaration, each
// timed, after a warm-up on the first 200.
const explained = facts.filter((_, i) => i % explainEvery === 0);
let explainSink = 0;
for (const f of explained.slice(0, 200)) explainSink += explainScore(model, f, history).reasons.length;
explainSink = 0;
const explainMs = new Float64Array(explained.length);
const cpu1 = process.cpuUsage();
for (let i = 0; i < explained.length; i++) {
  const s = performance.now();
  const ex = explainScore(model, explained[i]!, history);
  explainMs[i] = performance.now() - s;
  for (const r of ex.reasons) explainSink += r.contribution;
}
const explainCpu = process.cpuUsage(cpu1);
const explainCpuSeconds = (explainCpu.user + explainCpu.system) / 1e6;
explainMs.sort();
const quantile = (q: number) => Number(explainMs[Math.floor(q * (explainMs.length - 1))]!.toFixed(3));
console.log(
  JSON.stringify({
    score_per_s: Math.round(scored / cpuSeconds),
    score_per_s_wall: Math.round(scored / seconds),
    score_from_facts_per_s_wall: Math.round(scored / factsSeconds),
    explain_per_s: Math.round(explained.length / explainCpuSeconds),
    explain_ms_p50: quantile(0.5),
    explain_ms_p99: quantile(0.99),
    explained: explained.length,
    declarations: scored,
    trees: json.rounds,
    features: json.features.length,
    train_seconds: trainSeconds === null ? null : Number(trainSeconds.toFixed(1)),
    train_cpu_seconds: trainCpuSeconds === null ? null : Number(trainCpuSeconds.toFixed(1)),
    p_at_5_valid: json.metrics.validation?.p_at_5 ?? null,
    checksum: Number(sink.toFixed(3)),
    // Sum of every reason's contribution: the same figure means the same reasons.
    explain_checksum: Number(explainSink.toFixed(9)),
    // Other people's work on a shared machine shows here; compare runs at similar loads.
    load_average_1m: Number(loadavg()[0]!.toFixed(2)),
  }),
);
