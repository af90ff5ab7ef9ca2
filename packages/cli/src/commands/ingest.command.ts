import { statSync } from 'node:fs';
import { RECORD_KINDS, type RecordKind } from '@sieve/core';
import { runIntake } from '@sieve/pipeline';
import type { IntakeRun } from '@sieve/store';
import type { Command } from 'commander';
import { withStore } from '../open-store.ts';
import { progress } from '../progress.ts';

export function register(program: Command): void {
  program
    .command('ingest <file>')
    .description(
      'read declarations, cargo reports, inspection results or a party register from JSON, NDJSON or CSV; quarantine what is invalid',
    )
    .addHelpText(
      'after',
      `
A party register (traders that declarations name by id alone, as "sieve generate
--parties reference" writes them) goes in as records of kind party, before or
after the declarations; either way each party ends up with its name and country:

  sieve ingest parties.ndjson --kind party
  sieve ingest declarations.ndjson

A party already stored counts as "already stored"; its new description is merged
in (the newest wins field by field; a bare id never erases a name).`,
    )
    .option('--map <name-or-file>', 'CSV column map: a shipped name (kcs) or a JSON file')
    .option(
      '--kind <kind>',
      `kind of JSON records that do not say "record": "<kind>" (${RECORD_KINDS.join(', ')})`,
      'declaration',
    )
    .option('--format <format>', 'csv, json or ndjson (default: from the extension and content)')
    .option('--batch-size <n>', 'input records per transaction', (v) => Number.parseInt(v, 10), 5000)
    .option(
      '--workers <n>',
      "threads that parse NDJSON (default: one per core but the database's; 0: none)",
      (v) => Number.parseInt(v, 10),
    )
    .option('--actor <name>', 'who runs this intake, for the audit log', process.env.USER ?? 'cli')
    .option('--quiet', 'no progress')
    .action(
      async (
        file: string,
        o: {
          map?: string;
          kind: string;
          format?: 'csv' | 'json' | 'ndjson';
          batchSize: number;
          workers?: number;
          actor: string;
          quiet?: boolean;
        },
        cmd: Command,
      ) => {
        if (!RECORD_KINDS.includes(o.kind as RecordKind))
          throw new Error(`--kind must be one of ${RECORD_KINDS.join(', ')}`);
        const size = statSync(file).size;
        await withStore(cmd, async (store) => {
          const p = progress(`ingest ${file}`, undefined, { quiet: o.quiet });
          const run = await runIntake(store, file, {
            map: o.map,
            kind: o.kind as RecordKind,
            format: o.format,
            actor: o.actor,
            batchSize: o.batchSize,
            workers: o.workers,
            onBatch: (n) => p.tick(n),
          });
          p.done();
          printRun(run, size);
        });
      },
    );
}

export function printRun(run: IntakeRun, bytes?: number): void {
  const secs = run.finishedAt ? (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000 : 0;
  console.log(
    `intake run ${run.id} ${run.status}: ${run.source}${bytes ? ` (${(bytes / 1e6).toFixed(1)} MB)` : ''}`,
  );
  console.log(`  read         ${run.read.toLocaleString('en')}`);
  console.log(
    `  accepted     ${run.accepted.toLocaleString('en')}  (new ${run.inserted.toLocaleString('en')}, already stored ${run.duplicates.toLocaleString('en')})`,
  );
  console.log(
    `  quarantined  ${run.quarantined.toLocaleString('en')}${run.quarantined ? `  (see: sieve quarantine list --run ${run.id})` : ''}`,
  );
  if (secs > 0)
    console.log(
      `  took         ${secs.toFixed(1)} s, ${Math.round(run.read / secs).toLocaleString('en')} records/s`,
    );
}
