import { type SimulationResult, simulateFeedbackLoop } from '@sieve/core/model';
import type { Command } from 'commander';
import { progress } from '../progress.ts';
import { type LoadedRow, readLabelled } from './model.command.ts';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function register(program: Command): void {
  program
    .command('simulate')
    .description(
      'feedback-loop simulation: weekly selection at an inspection rate, learning only from what was inspected; exploitation against exploration',
    )
    .requiredOption(
      '--data <files>',
      'time-ordered labelled data, several files separated by commas (e.g. train.csv,valid.csv)',
    )
    .requiredOption('--map <map>', 'column map for CSV input, e.g. kcs')
    .option('--rate <share>', 'share of each week inspected', '0.05')
    .option('--exploration <shares>', 'exploration shares to compare, separated by commas', '0,0.1,0.3')
    .option('--strategy <name>', 'exploration strategy: random or uncertainty', 'random')
    .option('--warmup-weeks <n>', 'weeks at the start with every outcome known', '8')
    .option(
      '--retrain-every <weeks>',
      'retrain the model every this many weeks (retraining dominates run time)',
      '4',
    )
    .option('--trees <n>', 'trees per retraining (learning rate 0.1)', '80')
    .option('--seed <n>', 'random seed', '1')
    .action(
      async (o: {
        data: string;
        map: string;
        rate: string;
        exploration: string;
        strategy: string;
        warmupWeeks: string;
        retrainEvery: string;
        trees: string;
        seed: string;
      }) => {
        const rate = Number(o.rate);
        const shares = o.exploration.split(',').map(Number);
        const warmupWeeks = Number.parseInt(o.warmupWeeks, 10);
        const seed = Number.parseInt(o.seed, 10);
        const retrainEvery = Number(o.retrainEvery);
        const trees = Number(o.trees);
        if (!(Number.isInteger(retrainEvery) && retrainEvery >= 1))
          throw new Error(`--retrain-every must be a whole number of weeks >= 1, got ${o.retrainEvery}`);
        if (!(Number.isInteger(trees) && trees >= 1))
          throw new Error(`--trees must be a whole number >= 1, got ${o.trees}`);
        if (!(rate > 0 && rate <= 1)) throw new Error(`--rate must be a share in (0, 1], got ${o.rate}`);
        if (shares.some((s) => !(s >= 0 && s <= 1)))
          throw new Error(`--exploration must be shares in [0, 1], got ${o.exploration}`);
        if (o.strategy !== 'random' && o.strategy !== 'uncertainty') {
          throw new Error(`--strategy must be random or uncertainty, got ${o.strategy}`);
        }
        if (!Number.isInteger(warmupWeeks) || warmupWeeks < 1)
          throw new Error('--warmup-weeks must be 1 or more');
        const rows: LoadedRow[] = [];
        for (const file of o.data.split(',')) rows.push(...(await readLabelled(file, o.map)).rows);
        const runs: { exploration: number; result: SimulationResult }[] = [];
        for (const share of shares) {
          const bar = progress(`simulate exploration ${pct(share)} (weeks)`);
          const result = simulateFeedbackLoop({
            rows,
            rate,
            explorationShare: share,
            exploration: o.strategy,
            warmupWeeks,
            seed,
            retrainEveryWeeks: retrainEvery,
            params: { rounds: trees },
            onWeek: () => bar.tick(),
          });
          bar.done();
          runs.push({ exploration: share, result });
        }
        printWeeks(runs);
        console.log(
          JSON.stringify({
            rate,
            strategy: o.strategy,
            warmup_weeks: warmupWeeks,
            retrain_every_weeks: retrainEvery,
            trees,
            seed,
            runs: runs.map(({ exploration, result: r }) => ({
              exploration,
              inspected: r.inspected,
              findings: r.findings,
              precision: r.precision,
              recall: r.recall,
              last_quarter_precision: tailPrecision(r, 13),
            })),
          }),
        );
      },
    );
}

function tailPrecision(r: SimulationResult, weeks: number): number {
  const tail = r.weeks.slice(-weeks);
  const inspected = tail.reduce((s, w) => s + w.inspected, 0);
  return inspected ? tail.reduce((s, w) => s + w.findings, 0) / inspected : Number.NaN;
}

// Four-week blocks keep the table readable over a year of weeks.
function printWeeks(runs: { exploration: number; result: SimulationResult }[]): void {
  const header = [
    'weeks from',
    ...runs.map((r) => `P expl ${pct(r.exploration)}`),
    ...runs.map((r) => `found ${pct(r.exploration)}`),
  ];
  console.log(header.map((h) => h.padStart(14)).join(''));
  const n = runs[0]?.result.weeks.length ?? 0;
  for (let b = 0; b < n; b += 4) {
    const cells = [runs[0]!.result.weeks[b]!.from];
    const found: string[] = [];
    for (const { result } of runs) {
      const block = result.weeks.slice(b, b + 4);
      const inspected = block.reduce((s, w) => s + w.inspected, 0);
      const f = block.reduce((s, w) => s + w.findings, 0);
      cells.push(pct(inspected ? f / inspected : Number.NaN));
      found.push(String(f));
    }
    console.log([...cells, ...found].map((c) => c.padStart(14)).join(''));
  }
  for (const { exploration, result: r } of runs) {
    console.log(
      `exploration ${pct(exploration)}: ${r.findings} findings in ${r.inspected} inspections, precision ${pct(r.precision)}, recall ${pct(r.recall)}`,
    );
  }
}

export { register };
