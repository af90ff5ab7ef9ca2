import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { FieldError } from '@sieve/core';
import { describeErrors } from '@sieve/core';
import type { Command } from 'commander';
import { withStore } from '../open-store.ts';

const int = (v: string) => Number.parseInt(v, 10);

export function register(program: Command): void {
  const q = program.command('quarantine').description('records held back at intake, with the reason');

  q.command('list')
    .description('list quarantined records: run, record number and what is wrong')
    .option('--run <id>', 'only this intake run', int)
    .option('--limit <n>', 'how many', int, 50)
    .option('--offset <n>', 'skip this many', int, 0)
    .action(async (o: { run?: number; limit: number; offset: number }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const total = await store.quarantine.count(o.run);
        const entries = await store.quarantine.list({ runId: o.run, limit: o.limit, offset: o.offset });
        for (const e of entries)
          console.log(`#${e.id}  run ${e.runId} record ${e.recordNo}: ${describeErrors(e.reasons)}`);
        console.log(`${entries.length} shown of ${total} quarantined${o.run ? ` in run ${o.run}` : ''}`);
      });
    });

  q.command('show <id>')
    .description('one quarantined record: every reason and the raw record as received')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const e = await store.quarantine.get(int(id));
        if (!e) throw new Error(`no quarantined record #${id}: see sieve quarantine list`);
        console.log(
          `quarantined record #${e.id}: run ${e.runId}, record ${e.recordNo}${e.kind ? `, ${e.kind}` : ''}, held ${e.createdAt}`,
        );
        for (const r of e.reasons) console.log(`  - ${describeErrors([r as FieldError])}`);
        console.log('raw:');
        console.log(e.raw);
      });
    });

  q.command('export')
    .description('write quarantined records as NDJSON (reasons and raw record), to fix and ingest again')
    .option('--run <id>', 'only this intake run', int)
    .option('--out <file>', 'output file (default: standard output)')
    .action(async (o: { run?: number; out?: string }, cmd: Command) => {
      await withStore(
        cmd,
        async (store) => {
          const out = o.out ? createWriteStream(o.out) : process.stdout;
          let n = 0;
          for await (const e of store.quarantine.all(o.run)) {
            if (!out.write(`${JSON.stringify(e)}\n`)) await once(out, 'drain');
            n++;
          }
          if (o.out) {
            out.end();
            await once(out, 'finish');
          }
          console.error(`exported ${n} quarantined records${o.out ? ` to ${o.out}` : ''}`);
        },
        { quiet: !o.out },
      );
    });
}
