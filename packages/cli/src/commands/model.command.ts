import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Declaration } from '@sieve/core';
import {
  atInspectionRates,
  BASELINE_PROFILE_RULES,
  baselineRuleScore,
  type Comparison,
  comparisonChartSvg,
  declarationFacts,
  evaluateRiskModel,
  explainScore,
  isoDay,
  type LabelledRow,
  loadRiskModel,
  modelReportHtml,
  type RiskModel,
  STANDARD_RATES,
  sortByDay,
  timeOrderedFeatures,
  trainRiskModel,
} from '@sieve/core/model';
import { readRecords } from '@sieve/ingest';
import { ModelRepository } from '@sieve/store/model';
import type { Command } from 'commander';
import { withStore } from '../open-store.ts';
import { progress } from '../progress.ts';

/** A labelled row that remembers its declaration (for explanations and ids). */
export type LoadedRow = LabelledRow & { declaration: Declaration };

/**
 * Reads declarations and their inspection outcomes from a file, joined on
 * declaration id. Declarations without an outcome are counted and left out:
 * a model can neither learn from nor be measured on them.
 *
 * @example const { rows } = await readLabelled('../shared/data/kcs/train.csv', 'kcs');
 */
export async function readLabelled(
  path: string,
  map: string,
): Promise<{ rows: LoadedRow[]; quarantined: number; unlabelled: number }> {
  const declarations = new Map<string, Declaration>();
  const outcomes = new Map<string, { finding: boolean; critical: boolean }>();
  let quarantined = 0;
  const p = progress(`read ${path}`);
  for await (const r of readRecords(path, { map })) {
    p.tick();
    if (!r.ok) {
      quarantined++;
      continue;
    }
    for (const rec of r.records) {
      if (rec.kind === 'declaration') declarations.set(rec.value.id, rec.value);
      else if (rec.kind === 'inspection') {
        outcomes.set(rec.value.declarationId, {
          finding: rec.value.outcome === 'finding',
          critical: rec.value.labels?.criticalFraud === '2',
        });
      }
    }
  }
  p.done();
  const rows: LoadedRow[] = [];
  let unlabelled = 0;
  for (const [id, declaration] of declarations) {
    const outcome = outcomes.get(id);
    if (!outcome) unlabelled++;
    else rows.push({ declaration, facts: declarationFacts(declaration), outcome });
  }
  if (quarantined > 0 || unlabelled > 0) {
    console.error(
      `${path}: ${quarantined} records quarantined (see \`sieve ingest\`), ${unlabelled} without an outcome`,
    );
  }
  return { rows, quarantined, unlabelled };
}

function readModel(path: string): RiskModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`cannot read model file ${path}: train one with \`sieve model train --out ${path}\``);
  }
  return loadRiskModel(JSON.parse(text));
}

const pct = (x: number) => (Number.isNaN(x) ? '  n/a' : `${(100 * x).toFixed(1).padStart(5)}%`);

function printComparison(c: Comparison): void {
  const header = ['rate', 'inspect', 'model P', 'recall', 'revenue', 'rules P', 'rules rec', 'random P'];
  const lines = c.model.map((m, i) => {
    const r = c.rules[i]!;
    return [
      `${(m.rate * 100).toFixed(0)}%`,
      String(m.inspected),
      pct(m.precision),
      pct(m.recall),
      pct(m.revenueShare),
      pct(r.precision),
      pct(r.recall),
      pct(c.randomPrecision),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((x, i) => x.padStart(widths[i]!)).join('  ');
  console.log(fmt(header));
  for (const l of lines) console.log(fmt(l));
}

async function writeReport(dir: string, c: Comparison, auc: number, title: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const notes = [
    "Features of each declaration use only history before its day: the model snapshot plus the file's own earlier days.",
    `Rules alone: ${BASELINE_PROFILE_RULES.length} analyst-style risk-profile rules (past finding rate at least twice the average over 5+ inspections) frozen at the start of the period, ties broken by revenue at stake.`,
    "Random: expected precision of a random draw, the period's finding rate.",
    "Revenue found: value x tax rate of the findings inspected, as a share of all findings' (KCS has no revenue column).",
  ];
  const svg = comparisonChartSvg(c, title);
  const files = [join(dir, 'report.html'), join(dir, 'chart.svg')];
  writeFileSync(files[0]!, modelReportHtml(c, { title, auc, notes }));
  writeFileSync(files[1]!, svg);
  const png = await svgToPng(svg);
  if (png) {
    files.push(join(dir, 'chart.png'));
    writeFileSync(files[2]!, png);
  }
  return files;
}

// resvg renders the SVG without a browser; it is optional so the report still works where it failed to install.
async function svgToPng(svg: string): Promise<Uint8Array | undefined> {
  try {
    const { Resvg } = await import('@resvg/resvg-js');
    return new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 } }).render().asPng();
  } catch {
    return undefined;
  }
}

function register(program: Command): void {
  const model = program
    .command('model')
    .description('predictive model: learn from inspection outcomes, rank, explain');

  model
    .command('activate')
    .description('register a model file in the database and make it the active model (audited)')
    .requiredOption('--model <model.json>', 'a model written by `sieve model train`')
    .requiredOption('--by <who>', 'who activates it (recorded in the audit log)')
    .requiredOption('--reason <why>', 'why (recorded in the audit log)')
    .action(async (o: { model: string; by: string; reason: string }, cmd: Command) => {
      const text = readFileSync(o.model, 'utf8');
      const m = loadRiskModel(JSON.parse(text));
      await withStore(cmd, async (store) => {
        const repo = new ModelRepository(store.sql);
        const v = await repo.register(text, m.json, o.by);
        const active = await repo.activate(v.id, o.by, o.reason);
        console.log(`model version ${active.id} (${active.sha256.slice(0, 12)}) is active, by ${o.by}`);
        console.log(JSON.stringify(active));
      });
    });

  model
    .command('list')
    .description('model versions in the registry')
    .action(async (_o: unknown, cmd: Command) => {
      await withStore(cmd, async (store) => {
        for (const v of await new ModelRepository(store.sql).list()) {
          console.log(
            `${v.active ? '*' : ' '} ${v.id}  ${v.sha256.slice(0, 12)}  ${v.featureSet}  trained ${v.trainedFrom}..${v.trainedTo} (${v.trainingRows} rows)  ${v.activatedBy ? `activated by ${v.activatedBy} ${v.activatedAt}` : ''}`,
          );
        }
      });
    });

  model
    .command('train')
    .description('train a risk model on a time-ordered file of declarations with inspection outcomes')
    .requiredOption('--train <file>', 'training period (declarations with outcomes)')
    .option('--valid <file>', 'a later period to report on (never used to choose anything)')
    .requiredOption('--map <map>', 'column map for CSV input, e.g. kcs')
    .requiredOption('--out <model.json>', 'where to write the model')
    .option('--seed <n>', 'random seed (bagging, feature sampling)', '1')
    .action(async (o: { train: string; valid?: string; map: string; out: string; seed: string }) => {
      const started = performance.now();
      const seed = Number.parseInt(o.seed, 10);
      if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got ${o.seed}`);
      const train = (await readLabelled(o.train, o.map)).rows;
      const valid = o.valid ? (await readLabelled(o.valid, o.map)).rows : undefined;
      const trainStart = performance.now();
      let bar: ReturnType<typeof progress> | undefined;
      let stage = '';
      const json = trainRiskModel({
        train,
        valid,
        seed,
        onProgress: (s) => {
          if (s !== stage) {
            bar?.done();
            stage = s;
            bar = progress(`train: ${s}`);
          }
          bar?.tick();
        },
      });
      bar?.done();
      const trainSeconds = (performance.now() - trainStart) / 1000;
      writeFileSync(o.out, JSON.stringify(json));
      const v = json.metrics.validation;
      console.log(
        `trained on ${json.training.rows} declarations (${json.training.from} to ${json.training.to}), ${json.rounds} trees, in ${trainSeconds.toFixed(1)}s; wrote ${o.out}`,
      );
      if (v)
        console.log(
          `validation (${v.rows} declarations): P@5% ${pct(v.p_at_5)}, P@10% ${pct(v.p_at_10)}, AUC ${v.auc.toFixed(3)}`,
        );
      console.log(
        JSON.stringify({
          model: o.out,
          seed,
          rounds: json.rounds,
          train_rows: json.training.rows,
          train_seconds: Number(trainSeconds.toFixed(2)),
          total_seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
          early_stopping_auc: json.metrics.earlyStopping?.auc,
          validation: v,
        }),
      );
    });

  model
    .command('evaluate')
    .description('rank a labelled period and compare the model with random selection and the rules alone')
    .requiredOption('--model <model.json>', 'a model written by `sieve model train`')
    .requiredOption('--data <file>', 'declarations with inspection outcomes')
    .requiredOption('--map <map>', 'column map for CSV input, e.g. kcs')
    .option('--report <dir>', 'also write report.html and chart.svg/chart.png there')
    .action(async (o: { model: string; data: string; map: string; report?: string }) => {
      const m = readModel(o.model);
      const { rows } = await readLabelled(o.data, o.map);
      const e = evaluateRiskModel(m, rows);
      const rulesHistory = m.historyBefore(isoDay(e.rows[0]!.facts.day));
      const ruleScores = Float64Array.from(e.rows, (r) => baselineRuleScore(r.facts, rulesHistory));
      const comparison: Comparison = {
        model: e.atRates,
        rules: atInspectionRates(ruleScores, e.labels, e.revenue, STANDARD_RATES),
        randomPrecision: e.labels.reduce((s, v) => s + v, 0) / e.labels.length,
      };
      console.log(
        `${e.rows.length} declarations, ${isoDay(e.rows[0]!.facts.day)} to ${isoDay(e.rows[e.rows.length - 1]!.facts.day)}; history from the model's snapshot to ${e.historyUntil ?? '(none: empty history)'} plus the file's own earlier days`,
      );
      printComparison(comparison);
      console.log(
        `AUC ${e.auc.toFixed(4)}; revenue = value x tax rate (KCS has no revenue column); random = base rate`,
      );
      if (o.report) {
        const files = await writeReport(o.report, comparison, e.auc, basename(o.data));
        console.log(`report: ${files.join(', ')}`);
      }
      const [p1, p2, p5, p10] = e.atRates;
      console.log(
        JSON.stringify({
          p_at_1: p1!.precision,
          p_at_2: p2!.precision,
          p_at_5: p5!.precision,
          p_at_10: p10!.precision,
          recall_at_5: p5!.recall,
          auc: e.auc,
          revenue_at_5: p5!.revenueShare,
          rows: e.rows.length,
          findings: comparison.model[0] ? e.labels.reduce((s, v) => s + v, 0) : 0,
          history_until: e.historyUntil ?? null,
        }),
      );
    });

  model
    .command('explain')
    .description('say why a declaration scored as it did: the features that raised or lowered its risk most')
    .requiredOption('--model <model.json>', 'a model written by `sieve model train`')
    .requiredOption('--data <file>', 'the file holding the declaration (its earlier rows count as history)')
    .requiredOption('--map <map>', 'column map for CSV input, e.g. kcs')
    .requiredOption('--id <declaration>', 'declaration id')
    .option('--top <n>', 'how many reasons', '6')
    .action(async (o: { model: string; data: string; map: string; id: string; top: string }) => {
      const m = readModel(o.model);
      const rows = sortByDay((await readLabelled(o.data, o.map)).rows);
      const target = rows.find((r) => r.declaration.id === o.id);
      if (!target) throw new Error(`declaration ${o.id} is not in ${o.data} (or has no outcome)`);
      const history = m.historyBefore(isoDay(rows[0]!.facts.day));
      // History up to the day before the declaration: earlier days of the file, never its own day.
      timeOrderedFeatures(
        rows.filter((r) => r.facts.day < target.facts.day),
        history,
      );
      const ex = explainScore(m, target.facts, history, Number.parseInt(o.top, 10) || 6);
      console.log(
        `declaration ${o.id}: risk ${(100 * ex.probability).toFixed(1)}% (average ${(100 * ex.baseProbability).toFixed(1)}%); recorded outcome: ${target.outcome.finding ? 'finding' : 'no finding'}`,
      );
      for (const r of ex.reasons) {
        console.log(
          `  ${r.direction === 'raises' ? '+' : '-'} ${r.text}  (${r.contribution >= 0 ? '+' : ''}${r.contribution.toFixed(2)} log-odds)`,
        );
      }
      console.log(JSON.stringify({ id: o.id, probability: ex.probability, reasons: ex.reasons }));
    });
}

export { register };
