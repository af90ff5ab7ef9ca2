import type { Command } from 'commander';
import { withStore } from '../open-store.ts';

export function register(program: Command): void {
  program
    .command('runs')
    .description('list intake runs with their counts (read = accepted + quarantined)')
    .option('--limit <n>', 'how many, newest first', (v) => Number.parseInt(v, 10), 20)
    .option('--json', 'print JSON')
    .action(async (o: { limit: number; json?: boolean }, cmd: Command) => {
      await withStore(
        cmd,
        async (store) => {
          const runs = await store.intake.listRuns(o.limit);
          if (o.json) {
            console.log(JSON.stringify(runs, null, 2));
            return;
          }
          if (runs.length === 0) {
            console.log('no intake runs yet: try sieve ingest <file>');
            return;
          }
          console.table(
            runs.map((r) => ({
              run: r.id,
              status: r.status,
              started: r.startedAt.replace('T', ' ').slice(0, 19),
              source: r.source.length > 40 ? `...${r.source.slice(-37)}` : r.source,
              map: r.map ?? '',
              read: r.read,
              accepted: r.accepted,
              new: r.inserted,
              duplicates: r.duplicates,
              quarantined: r.quarantined,
            })),
          );
        },
        { quiet: o.json },
      );
    });
}
