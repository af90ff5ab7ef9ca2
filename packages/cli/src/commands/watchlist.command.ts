import {
  countryCodeOf,
  ENTRY_KINDS,
  type EntryKind,
  LIST_FORMATS,
  type ListFormat,
  type ListPolicy,
  type ScreeningHit,
  type ScreeningQuery,
  WatchlistIndex,
} from '@sieve/core/watchlist';
import { WatchlistRepository } from '@sieve/store';
import { type Command, Option } from 'commander';
import { withStore } from '../open-store.ts';
import { importListFile } from '../watchlist/import-list-file.ts';

export function register(program: Command): void {
  const wl = program
    .command('watchlist')
    .description('sanctions and lookout lists: import, list, search, policy');

  wl.command('import <format> <path>')
    .description(
      'import a list version and activate it: ofac (folder with sdn.csv, alt.csv, add.csv), un (XML), lookouts (CSV)',
    )
    .option(
      '--list-id <id>',
      'list id (default: ofac-sdn, un or lookouts; a lookout file already imported under its file name keeps that list)',
    )
    .option('--list-version <version>', 'version label (default: the list date or the file date)')
    .option('--name <name>', 'display name of a lookout list')
    .option('--actor <name>', 'who imports, for the audit log', process.env.USER ?? 'cli')
    .action(
      async (
        format: string,
        path: string,
        o: { listId?: string; listVersion?: string; name?: string; actor: string },
        cmd: Command,
      ) => {
        if (!(LIST_FORMATS as readonly string[]).includes(format)) {
          throw new Error(`format must be one of ${LIST_FORMATS.join(', ')}, not "${format}"`);
        }
        await withStore(cmd, async (store) => {
          const { list, outcome, keptFileName } = await importListFile(
            new WatchlistRepository(store.sql),
            format as ListFormat,
            path,
            {
              ...(o.listId ? { listId: o.listId } : {}),
              ...(o.listVersion ? { version: o.listVersion } : {}),
              ...(o.name ? { name: o.name } : {}),
              actor: o.actor,
            },
          );
          if (keptFileName)
            console.error(
              `note: imported into the existing list ${list.id}, named after the file; a new lookout file goes into lookouts unless --list-id says otherwise`,
            );
          const names = list.entries.reduce((s, e) => s + e.names.length, 0);
          console.log(
            outcome === 'exists'
              ? `${list.id} version ${list.version} is already stored (versions are immutable); nothing imported`
              : `${list.id} version ${list.version}: ${list.entries.length} entries, ${names} names and aliases imported and activated`,
          );
        });
      },
    );

  wl.command('list')
    .description('stored lists and versions, with the active one marked, and each list policy')
    .action(async (_o: unknown, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const repo = new WatchlistRepository(store.sql);
        const versions = await repo.versions();
        if (versions.length === 0)
          console.log('no watchlists stored; import one with `sieve watchlist import`');
        for (const v of versions) {
          console.log(
            `${v.active ? '*' : ' '} ${v.listId}@${v.version}  ${v.entryCount} entries  ${v.name}  (imported ${v.importedAt} by ${v.importedBy})`,
          );
        }
        for (const p of await repo.policies()) console.log(`policy ${p.list}: ${describePolicy(p)}`);
      });
    });

  wl.command('search <name>')
    .description('screen one name against the active lists and explain each hit token by token')
    .option('--dob <date>', 'date of birth: 1965, 1965-06 or 1965-06-29')
    .option('--country <country...>', 'nationality or country (code or name)')
    .option('--id <identifier...>', 'passport, tax number, IMO... (an exact match settles it)')
    .addOption(new Option('--kind <kind...>', 'only entries of these kinds').choices([...ENTRY_KINDS]))
    .option('--limit <n>', 'at most this many hits', (v) => Number.parseInt(v, 10), 5)
    .option('--all', 'show the closest entries even below the threshold')
    .option('--json', 'print hits as JSON')
    .action(
      async (
        name: string,
        o: {
          dob?: string;
          country?: string[];
          id?: string[];
          kind?: EntryKind[];
          limit: number;
          all?: boolean;
          json?: boolean;
        },
        cmd: Command,
      ) => {
        const countries = (o.country ?? []).map((c) => {
          const code = countryCodeOf(c);
          if (!code) throw new Error(`--country: "${c}" is not a country name or ISO 3166 code`);
          return code;
        });
        const query: ScreeningQuery = {
          name,
          ...(o.dob ? { birthDate: o.dob } : {}),
          ...(countries.length ? { countries } : {}),
          ...(o.kind ? { kinds: o.kind } : {}),
          ...(o.id ? { identifiers: o.id.map((value) => ({ value })) } : {}),
        };
        await withStore(
          cmd,
          async (store) => {
            const repo = new WatchlistRepository(store.sql);
            const lists = await repo.activeLists();
            if (lists.length === 0)
              throw new Error('no active watchlist: import one with `sieve watchlist import`');
            const thresholds = Object.fromEntries(
              (await repo.policies())
                .filter((p) => p.threshold !== undefined)
                .map((p) => [p.list, p.threshold!]),
            );
            const index = WatchlistIndex.build(lists);
            const hits = o.all
              ? index.search(query, { limit: o.limit })
              : index.screen(query, { threshold: thresholds, limit: o.limit });
            if (o.json) console.log(JSON.stringify(hits, null, 2));
            else printHits(name, hits, index);
          },
          { quiet: true },
        );
      },
    );

  wl.command('policy <list>')
    .description('set what a hit on a list does: its threshold, points added, lane forced')
    .option('--threshold <t>', 'match threshold, 0 to 1', Number.parseFloat)
    .option('--points <n>', 'points added per screened party with a hit', (v) => Number.parseInt(v, 10))
    .addOption(new Option('--lane <lane>', 'lane forced by a hit').choices(['red', 'yellow']))
    .requiredOption('--reason <text>', 'why, for the audit log')
    .option('--actor <name>', 'who, for the audit log', process.env.USER ?? 'cli')
    .action(
      async (
        list: string,
        o: { threshold?: number; points?: number; lane?: 'red' | 'yellow'; reason: string; actor: string },
        cmd: Command,
      ) => {
        if (o.threshold !== undefined && !(o.threshold > 0 && o.threshold <= 1))
          throw new Error('--threshold must be above 0 and at most 1');
        if (o.points !== undefined && !(o.points >= 0))
          throw new Error('--points must be a whole number of zero or more');
        await withStore(cmd, async (store) => {
          const { previous } = await new WatchlistRepository(store.sql).setPolicy(
            {
              list,
              ...(o.threshold !== undefined ? { threshold: o.threshold } : {}),
              ...(o.points !== undefined ? { points: o.points } : {}),
              ...(o.lane ? { lane: o.lane } : {}),
            },
            o.actor,
            o.reason,
          );
          console.log(`policy for ${list} saved${previous ? ` (was: ${describePolicy(previous)})` : ''}`);
        });
      },
    );
}

function describePolicy(p: ListPolicy): string {
  return `threshold ${p.threshold ?? 'default'}, points ${p.points ?? 0}${p.lane ? `, forces ${p.lane}` : ''}`;
}

function printHits(name: string, hits: readonly ScreeningHit[], index: WatchlistIndex): void {
  const searched = index.lists.map((l) => `${l.id}@${l.version}`).join(', ');
  if (hits.length === 0) {
    console.log(`no match for "${name}" in ${searched} (${index.nameCount} names and aliases)`);
    return;
  }
  console.log(`"${name}" against ${searched}:`);
  for (const h of hits) {
    const flag = h.score >= h.threshold ? 'HIT ' : 'near';
    console.log(`\n${flag} ${h.score.toFixed(3)}  ${h.entryId}  ${h.kind}  ${h.name}`);
    console.log(
      `     matched ${h.matchedName.type} name "${h.matchedName.name}" (${h.matchedName.strength}), name score ${h.nameScore.toFixed(3)}, threshold ${h.threshold}`,
    );
    for (const t of h.tokens) {
      console.log(
        `       ${(t.query ?? '-').padEnd(18)} ${(t.listed ?? '-').padEnd(18)} ${t.how.padEnd(11)} ${t.similarity.toFixed(2)}`,
      );
    }
    for (const f of h.factors)
      console.log(`     ${f.factor} ${f.effect >= 0 ? '+' : ''}${f.effect.toFixed(2)}: ${f.detail}`);
    if (h.ignored.length) console.log(`     ignored: ${h.ignored.join(', ')}`);
    if (h.program || h.reason)
      console.log(`     listed: ${[h.program, h.reason?.slice(0, 160)].filter(Boolean).join(' · ')}`);
  }
}
