import { LANES } from '@sieve/core/ensemble';
import { type Assessment, explainAssessment } from '@sieve/core/scoring';
import { readRecords } from '@sieve/ingest';
import { CargoIndex, loadSnapshot, scoreFile } from '@sieve/pipeline';
import type { Command } from 'commander';
import { withStore } from '../open-store.ts';
import { progress } from '../progress.ts';

/**
 * `sieve score <file>`: scores the declarations of a file with the active
 * ruleset, lists, bands, lookouts and policy, stores the decisions
 * (idempotently) and prints the lane counts and the rules that fired most.
 */
export function register(program: Command): void {
  program
    .command('score <file>')
    .description(
      'score declarations (JSON, NDJSON, or CSV with --map), store the decisions, print lane counts',
    )
    .requiredOption('--ruleset <name>', 'ruleset whose active version scores')
    .option('--version <n>', 'score with this version instead of the active one', Number)
    .option('--map <map>', 'column map of a CSV file, e.g. kcs')
    .option(
      '--cargo <file>',
      'cargo reports (NDJSON or JSON) to link declarations to (repeatable)',
      (v: string, p: string[] = []) => [...p, v],
      [],
    )
    .option('--no-history', 'do not load stored declarations for trading-history facts')
    .option('--explain <n>', 'print the explanation of the first n red decisions', Number, 0)
    .option('--actor <name>', 'who, for the audit log', process.env.USER ?? 'cli')
    .action(
      async (
        file: string,
        o: {
          ruleset: string;
          version?: number;
          map?: string;
          cargo: string[];
          history: boolean;
          explain: number;
          actor: string;
        },
        cmd: Command,
      ) => {
        await withStore(cmd, async (store) => {
          const loaded = await loadSnapshot(store, {
            ruleset: o.ruleset,
            actor: o.actor,
            ...(o.version ? { version: o.version } : {}),
          });
          const v = loaded.snapshot.versions;
          console.log(
            `snapshot ${loaded.snapshot.key}: ruleset ${v.ruleset}, policy ${v.policy}, bands ${v.bands ?? 'none'}, lookouts ${Object.keys(v.lookouts).join(', ') || 'none'}`,
          );
          const cargo = new CargoIndex();
          for (const f of o.cargo) await addCargo(cargo, f);
          const p = progress('score');
          let last = 0;
          const red: Assessment[] = [];
          const result = await scoreFile(store, file, loaded, {
            actor: o.actor,
            cargo,
            historyFromStore: o.history,
            ...(o.map ? { map: o.map } : {}),
            onProgress: (n) => {
              p.tick(n - last);
              last = n;
            },
            onAssessment: (a) => {
              if (a.lane === 'red' && red.length < o.explain) red.push(a);
            },
          });
          p.done();
          const { run } = result;
          console.log(
            `run ${run.id}: scored ${run.scored.toLocaleString('en')}, stored ${run.inserted.toLocaleString('en')} new decisions, ${run.duplicates.toLocaleString('en')} already stored; ${result.withCargo.toLocaleString('en')} linked to a cargo report`,
          );
          if (result.skipped.invalid)
            console.log(`${result.skipped.invalid} invalid records left out (see \`sieve ingest\`)`);
          const total = LANES.reduce((s, l) => s + result.lanes[l], 0);
          const targets: Partial<Record<string, number>> = loaded.policy.policy.targetRates ?? {};
          const withTargets = Object.keys(targets).length > 0;
          console.table(
            [...LANES].reverse().map((lane) => ({
              lane,
              declarations: result.lanes[lane],
              share: total ? `${((100 * result.lanes[lane]) / total).toFixed(1)}%` : '',
              ...(withTargets
                ? { target: targets[lane] === undefined ? '' : `${100 * (targets[lane] ?? 0)}%` }
                : {}),
            })),
          );
          console.log(
            `drawn at random: ${result.random} (${total ? ((100 * result.random) / total).toFixed(2) : 0}%)`,
          );
          const top = await store.assessments.topRules({ runId: run.id, limit: 10 });
          if (top.length) {
            console.log('rules that fired most:');
            console.table(top);
          }
          for (const a of red) {
            console.log(`\n${a.declarationId}:`);
            for (const line of explainAssessment(a)) console.log(`  ${line}`);
          }
        });
      },
    );
}

async function addCargo(index: CargoIndex, file: string): Promise<void> {
  for await (const r of readRecords(file, { kind: 'cargo-report' })) {
    if (!r.ok) continue;
    for (const rec of r.records) if (rec.kind === 'cargo-report') index.add(rec.value);
  }
}
