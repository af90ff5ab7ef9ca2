import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { DEFAULT_THRESHOLD, scoreNamePair } from '@sieve/core/watchlist';
import type { Command } from 'commander';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';

export function register(program: Command): void {
  program
    .command('name-pairs')
    .description(
      'score labelled name pairs: reads name1,name2[,schema], writes them back with score (0-1) and match',
    )
    .requiredOption(
      '--in <pairs.csv>',
      'CSV with columns name1, name2 and optionally schema (Person, Company, Organization, LegalEntity, Vessel)',
    )
    .requiredOption('--out <scores.csv>', 'where to write the scores (- for standard output)')
    .option('--threshold <t>', 'match threshold', Number.parseFloat, DEFAULT_THRESHOLD)
    .action(async (o: { in: string; out: string; threshold: number }) => {
      if (!(o.threshold > 0 && o.threshold <= 1))
        throw new Error('--threshold must be above 0 and at most 1');
      let count = 0;
      const scorer = async function* (rows: AsyncIterable<Record<string, string>>) {
        for await (const r of rows) {
          if (count === 0 && (!('name1' in r) || !('name2' in r))) {
            throw new Error(`${o.in}: expected columns name1 and name2, found ${Object.keys(r).join(', ')}`);
          }
          count++;
          const s = scoreNamePair(r.name1 ?? '', r.name2 ?? '', r.schema, o.threshold);
          // Input columns come back as they were; a label column named "match" is kept as "expected".
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(r)) {
            if (k === 'match') out.expected = v;
            else if (k !== 'score') out[k] = v;
          }
          yield { ...out, score: s.score.toFixed(3), match: String(s.match) };
        }
      };
      await pipeline(
        createReadStream(o.in),
        parse({
          columns: (header: string[]) => header.map((h) => h.trim()),
          bom: true,
          skip_empty_lines: true,
          relax_column_count: true,
        }),
        scorer,
        // Header from the first record's keys: the input columns, then score and match.
        stringify({ header: true }),
        o.out === '-' ? process.stdout : createWriteStream(o.out),
      );
      if (o.out !== '-') console.error(`scored ${count} pairs at threshold ${o.threshold}: ${o.out}`);
    });
}
