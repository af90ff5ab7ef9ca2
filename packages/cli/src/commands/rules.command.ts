import { writeFileSync } from 'node:fs';
import { listsToYaml, type ReferenceList, rulesToJson, rulesToYaml } from '@sieve/core/rules';
import {
  type BacktestReport,
  computeValueBands,
  deriveHistoryLists,
  lookoutToJson,
  parseScoringPolicy,
  type WeightProposal,
} from '@sieve/core/scoring';
import {
  applyFeedback,
  newSeed,
  policySummary,
  proposeRulesetWeights,
  readLabelled,
  runBacktest,
} from '@sieve/pipeline';
import type { Store } from '@sieve/store';
import type { Command } from 'commander';
import { withStore } from '../open-store.ts';
import {
  compileFile,
  parseBandsOption,
  placeholderLists,
  readHistorySpecs,
  readListFiles,
  readLookoutFiles,
  readPolicyFile,
  readRulesFile,
  storedHistory,
} from '../risk/risk-files.ts';

const ACTOR = process.env.USER ?? 'cli';
const collect = (v: string, prev: string[] = []) => [...prev, v];

/**
 * `sieve rules ...`: rulesets as versioned data (import, export, validate,
 * activate, list), backtests, feedback and proposed weights, and the other
 * versioned inputs of scoring (value bands, commodity lookouts, policy).
 */
export function register(program: Command): void {
  const rules = program
    .command('rules')
    .description('risk rules: validate, import, export, activate, list, backtest, feedback, propose-weights');

  rules
    .command('validate <file>')
    .description('check a rules file (YAML or JSON): every problem with its line, column and reason')
    .option('--lists <file>', 'reference lists file (repeatable)', collect, [])
    .option('--lookouts <file>', 'commodity lookouts whose lists rules may name (repeatable)', collect, [])
    .option('--history-lists <file>', 'specification of lists derived from history (their names and types)')
    .action((file: string, o: { lists: string[]; lookouts: string[]; historyLists?: string }) => {
      const { rules: rs, locators } = readRulesFile(file);
      const lists = [
        ...readListFiles(o.lists),
        ...readLookoutFiles(o.lookouts).map((l) => l.list),
        ...placeholderLists(readHistorySpecs(o.historyLists)),
      ];
      const compiled = compileFile(file, rs, lists, locators);
      const used = Object.keys(compiled.listVersions);
      console.log(`${file}: ${rs.length} rules OK${used.length ? `; lists used: ${used.join(', ')}` : ''}`);
    });

  rules
    .command('import <file>')
    .description('store a rules file as the next draft version of a ruleset, with its lists (checked first)')
    .requiredOption('--name <name>', 'ruleset name, e.g. kcs')
    .option('--lists <file>', 'reference lists file (repeatable)', collect, [])
    .option('--lookouts <file>', 'commodity lookouts whose lists rules may name (repeatable)', collect, [])
    .option(
      '--history-lists <file>',
      'lists to derive from history (stored declarations and inspections, or --history)',
    )
    .option('--history <file>', 'history file for --history-lists instead of the store')
    .option('--map <map>', 'column map of a CSV history file, e.g. kcs')
    .option('--reason <text>', 'why (audit log)')
    .option('--activate', 'activate the new version at once (needs --reason)')
    .option('--actor <name>', 'who, for the audit log', ACTOR)
    .action(
      async (
        file: string,
        o: {
          name: string;
          lists: string[];
          lookouts: string[];
          historyLists?: string;
          history?: string;
          map?: string;
          reason?: string;
          activate?: boolean;
          actor: string;
        },
        cmd: Command,
      ) => {
        const { rules: rs, locators } = readRulesFile(file);
        const specs = readHistorySpecs(o.historyLists);
        await withStore(cmd, async (store) => {
          const history =
            specs.length === 0
              ? []
              : o.history
                ? (await readLabelled(o.history, labelledOptions(o.map))).rows
                : await storedHistory(store);
          const lists = [
            ...readListFiles(o.lists),
            ...readLookoutFiles(o.lookouts).map((l) => l.list),
            ...deriveHistoryLists(history, specs, { source: o.history ?? 'store' }),
          ];
          const compiled = compileFile(file, rs, lists, locators);
          const used = lists.filter((l) => l.name in compiled.listVersions);
          const { version, created } = await store.rulesets.createDraft({
            name: o.name,
            rules: rs,
            lists: used,
            actor: o.actor,
            ...(o.reason ? { reason: o.reason } : {}),
          });
          console.log(
            created
              ? `stored ${o.name}@${version.version} (draft): ${version.ruleCount} rules, lists ${fmtLists(version.listVersions)}`
              : `unchanged: ${o.name}@${version.version} (${version.status}) already has these rules and lists`,
          );
          if (o.activate) {
            if (!o.reason) throw new Error('--activate needs --reason: the audit log records why');
            const active = await store.rulesets.activate(o.name, version.version, o.actor, o.reason);
            console.log(`active: ${o.name}@${active.version}`);
          } else if (created) {
            console.log(
              `activate it with: sieve rules activate ${version.version} --name ${o.name} --reason "..."`,
            );
          }
        });
      },
    );

  rules
    .command('export')
    .description('write a ruleset version (default: the active one) as YAML or JSON, with its lists')
    .requiredOption('--name <name>', 'ruleset name')
    .option('--version <n>', 'version (default: the active one)', Number)
    .option('--format <format>', 'yaml or json', 'yaml')
    .option('--out <file>', 'rules file (default: standard output)')
    .option('--lists-out <file>', 'also write the exact list versions it uses')
    .action(
      async (
        o: { name: string; version?: number; format: string; out?: string; listsOut?: string },
        cmd: Command,
      ) => {
        await withStore(
          cmd,
          async (store) => {
            const stored = await store.rulesets.get(o.name, o.version);
            if (!stored)
              throw new Error(
                `SIEVE_ERR_RULESET_NOT_FOUND: no ruleset ${o.name}${o.version ? `@${o.version}` : ' active'}`,
              );
            const v = stored.version;
            const header = `# ruleset ${v.name}@${v.version} (${v.status}), ${v.ruleCount} rules; lists ${fmtLists(v.listVersions)}\n`;
            const text = o.format === 'json' ? rulesToJson(stored.rules) : header + rulesToYaml(stored.rules);
            if (o.out) writeFileSync(o.out, text);
            else process.stdout.write(text);
            if (o.listsOut) writeFileSync(o.listsOut, listsToYaml(stored.lists));
            if (o.out) console.error(`wrote ${o.out}${o.listsOut ? ` and ${o.listsOut}` : ''}`);
          },
          { quiet: !o.out },
        );
      },
    );

  rules
    .command('activate <version>')
    .description('make a ruleset version the active one (an older one: a rollback); audited with --reason')
    .requiredOption('--name <name>', 'ruleset name')
    .requiredOption('--reason <text>', 'why (audit log)')
    .option('--actor <name>', 'who, for the audit log', ACTOR)
    .action(async (version: string, o: { name: string; reason: string; actor: string }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const before = (await store.rulesets.list(o.name)).find((v) => v.status === 'active');
        const v = await store.rulesets.activate(o.name, Number(version), o.actor, o.reason);
        const rollback = before && before.version > v.version;
        console.log(
          `${rollback ? 'rolled back' : 'activated'} ${v.name}@${v.version}${before ? ` (was @${before.version})` : ''} by ${o.actor}: ${o.reason}`,
        );
      });
    });

  rules
    .command('list')
    .description('ruleset versions (status, who, when, why) and the active bands, lookouts and policy')
    .option('--name <name>', 'one ruleset')
    .action(async (o: { name?: string }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const versions = await store.rulesets.list(o.name);
        if (versions.length === 0) console.log('no ruleset yet: sieve rules import <file> --name <name>');
        console.table(
          versions.map((v) => ({
            ruleset: `${v.name}@${v.version}`,
            status: v.status,
            rules: v.ruleCount,
            origin: v.origin + (v.parentVersion ? ` of @${v.parentVersion}` : ''),
            created: `${v.createdAt.slice(0, 16)} ${v.createdBy}`,
            activated: v.activatedAt ? `${v.activatedAt.slice(0, 16)} ${v.activatedBy}` : '',
            reason: v.reason ?? '',
          })),
        );
        for (const kind of ['bands', 'lookouts', 'policy'] as const) {
          const active = (await store.riskArtifacts.list(kind)).find((a) => a.active);
          console.log(
            `${kind}: ${active ? `version ${active.version}, ${active.summary ?? ''} (${active.activatedBy}, ${active.activatedAt?.slice(0, 16)})` : 'none'}`,
          );
        }
      });
    });

  rules
    .command('backtest')
    .description(
      'run rules over a period with known outcomes: hits, precision, recall, revenue, lift per rule and overall',
    )
    .requiredOption('--history <file>', 'earlier period: value bands and derived lists come from it')
    .requiredOption('--period <file>', 'period tested, with its inspection outcomes')
    .option('--rules <file>', 'rules file (default: the active version of --name)')
    .option('--name <name>', 'stored ruleset to test')
    .option('--version <n>', 'stored version (default: the active one)', Number)
    .option('--lists <file>', 'reference lists file (repeatable)', collect, [])
    .option('--history-lists <file>', 'lists to derive from the history file')
    .option('--lookouts <file>', 'commodity lookouts (repeatable)', collect, [])
    .option('--policy <file>', 'thresholds and caps (default: red 60, yellow 30, blue 15)')
    .option(
      '--bands <spec>',
      'value bands from the history: unit or kg, with percentiles, e.g. kg:5-95',
      'unit',
    )
    .option('--map <map>', 'column map of CSV files, e.g. kcs')
    .option('--json', 'print the whole report as JSON')
    .option('--out <file>', 'also write the report as JSON')
    .action(
      async (
        o: {
          history: string;
          period: string;
          rules?: string;
          name?: string;
          version?: number;
          lists: string[];
          historyLists?: string;
          lookouts: string[];
          policy?: string;
          bands: string;
          map?: string;
          json?: boolean;
          out?: string;
        },
        cmd: Command,
      ) => {
        const { rules: rs, lists, locators } = await backtestRules(o, cmd);
        const policy = o.policy
          ? readPolicyFile(o.policy, 'backtest')
          : parseScoringPolicy({ thresholds: { red: 60, yellow: 30, blue: 15 }, seed: 'backtest' });
        console.error(`reading ${o.history} and ${o.period}`);
        const history = await readLabelled(o.history, labelledOptions(o.map));
        const period = await readLabelled(o.period, labelledOptions(o.map));
        const result = runBacktest(history.rows, period.rows, {
          rules: rs,
          lists,
          ...(locators ? { locators } : {}),
          historyLists: readHistorySpecs(o.historyLists),
          lookouts: readLookoutFiles(o.lookouts),
          bands: parseBandsOption(o.bands),
          policy,
        });
        if (o.out) writeFileSync(o.out, `${JSON.stringify(result.report, null, 2)}\n`);
        if (o.json) console.log(JSON.stringify(result.report));
        else
          printBacktest(result.report, {
            history: o.history,
            period: o.period,
            unlabelled: result.unlabelled,
          });
        if (result.calibrated && !o.json) {
          const t = result.calibrated;
          const fmt = (x: { red: number; yellow: number; blue?: number | undefined }) =>
            `red ${x.red}, yellow ${x.yellow}${x.blue !== undefined ? `, blue ${x.blue}` : ''}`;
          console.log(
            `thresholds meeting the policy's target rates over this period: ${fmt(t)} (policy: ${fmt(policy.thresholds)})`,
          );
        }
      },
    );

  rules
    .command('feedback')
    .description(
      'feed stored inspection results into the statistics of the rules that fired (each result once)',
    )
    .option('--actor <name>', 'who, for the audit log', ACTOR)
    .action(async (o: { actor: string }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const { applied } = await applyFeedback(store, { actor: o.actor });
        console.log(`applied ${applied} inspection result${applied === 1 ? '' : 's'} to rule statistics`);
      });
    });

  rules
    .command('propose-weights')
    .description(
      'propose new points from inspection feedback; a new draft version (or active, if the policy says auto)',
    )
    .requiredOption('--name <name>', 'ruleset name')
    .option('--apply <mode>', 'auto or approval (default: the policy\u2019s feedback.apply)')
    .option(
      '--at <date>',
      'age the statistics to this date (default: now), e.g. the end of a historical period',
    )
    .option('--actor <name>', 'who, for the audit log', ACTOR)
    .action(async (o: { name: string; apply?: string; at?: string; actor: string }, cmd: Command) => {
      if (o.at && Number.isNaN(Date.parse(o.at)))
        throw new Error(`--at expects a date such as 2021-04-01, not "${o.at}"`);
      if (o.apply && o.apply !== 'auto' && o.apply !== 'approval')
        throw new Error('--apply is auto or approval');
      await withStore(cmd, async (store) => {
        const { applied } = await applyFeedback(store, { actor: o.actor });
        if (applied) console.log(`applied ${applied} new inspection results first`);
        const r = await proposeRulesetWeights(store, {
          ruleset: o.name,
          actor: o.actor,
          ...(o.at ? { at: new Date(o.at).toISOString() } : {}),
          ...(o.apply ? { apply: o.apply as 'auto' | 'approval' } : {}),
        });
        printProposals(r.proposals);
        if (!r.draft) console.log(`no weight changes for ${o.name}@${r.from.version}`);
        else if (r.activated) console.log(`applied automatically: ${o.name}@${r.draft.version} is active`);
        else
          console.log(
            `draft ${o.name}@${r.draft.version}; approve with: sieve rules activate ${r.draft.version} --name ${o.name} --reason "..."`,
          );
      });
    });

  rules
    .command('bands [file]')
    .description('compute value-control bands (percentiles of unit values) from history and activate them')
    .option('--map <map>', 'column map of a CSV file, e.g. kcs')
    .option('--basis <basis>', 'unit (value / quantity) or kg (value / net mass)', 'unit')
    .option('--low <p>', 'percentile of the low end', Number, 10)
    .option('--high <p>', 'percentile of the high end', Number, 90)
    .option('--min <n>', 'fewest past items per band', Number, 20)
    .option('--out <file>', 'also write the bands as JSON')
    .option('--reason <text>', 'why (audit log)', 'value bands computed from history')
    .option('--actor <name>', 'who, for the audit log', ACTOR)
    .action(
      async (
        file: string | undefined,
        o: {
          map?: string;
          basis: string;
          low: number;
          high: number;
          min: number;
          out?: string;
          reason: string;
          actor: string;
        },
        cmd: Command,
      ) => {
        if (o.basis !== 'unit' && o.basis !== 'kg') throw new Error('--basis is unit or kg');
        await withStore(cmd, async (store) => {
          const rows = file
            ? (await readLabelled(file, labelledOptions(o.map))).rows
            : await storedHistory(store);
          const set = computeValueBands(
            rows.flatMap((r) => r.declaration.items),
            {
              basis: o.basis as 'unit' | 'kg',
              low: o.low,
              high: o.high,
              minObservations: o.min,
              source: file ?? 'store',
            },
          );
          if (o.out) writeFileSync(o.out, `${JSON.stringify(set, null, 2)}\n`);
          const summary = `${set.bands.length} bands per ${set.basis}, p${set.percentiles.low}-p${set.percentiles.high}, from ${rows.length} declarations of ${set.source}`;
          const { version } = await store.riskArtifacts.put('bands', set, {
            actor: o.actor,
            reason: o.reason,
            summary,
            activate: true,
          });
          console.log(`bands version ${version.version} active: ${summary}`);
        });
      },
    );

  rules
    .command('lookouts <files...>')
    .description('import commodity lookout files (HS lists with reasons) as the active lookout set')
    .option('--reason <text>', 'why (audit log)', 'commodity lookouts imported')
    .option('--actor <name>', 'who, for the audit log', ACTOR)
    .action(async (files: string[], o: { reason: string; actor: string }, cmd: Command) => {
      const lookouts = readLookoutFiles(files);
      await withStore(cmd, async (store) => {
        const summary = lookouts.map((l) => `${l.list.name} (${l.list.entries.length})`).join(', ');
        const { version } = await store.riskArtifacts.put('lookouts', lookouts.map(lookoutToJson), {
          actor: o.actor,
          reason: o.reason,
          summary,
          activate: true,
        });
        console.log(`lookouts version ${version.version} active: ${summary}`);
      });
    });

  rules
    .command('policy <file>')
    .description(
      'import a scoring policy (thresholds, caps, selection per office and procedure) and activate it',
    )
    .option('--seed <hex>', 'random-selection seed (default: the file\u2019s, else a new 128-bit one)')
    .option('--reason <text>', 'why (audit log)', 'scoring policy imported')
    .option('--actor <name>', 'who, for the audit log', ACTOR)
    .action(async (file: string, o: { seed?: string; reason: string; actor: string }, cmd: Command) => {
      const fromFile = readPolicyFile(file, o.seed);
      const policy = fromFile.seed ? fromFile : { ...fromFile, seed: newSeed() };
      await withStore(cmd, async (store) => {
        const { version } = await importPolicy(store, policy, o);
        console.log(
          `policy version ${version} active: ${policySummary(policy)} (seed not shown; recorded by fingerprint)`,
        );
      });
    });
}

async function importPolicy(
  store: Store,
  policy: ReturnType<typeof readPolicyFile>,
  o: { reason: string; actor: string },
): Promise<{ version: number }> {
  const { version } = await store.riskArtifacts.put('policy', policy, {
    actor: o.actor,
    reason: o.reason,
    summary: policySummary(policy),
    activate: true,
  });
  return { version: version.version };
}

async function backtestRules(
  o: { rules?: string; name?: string; version?: number; lists: string[] },
  cmd: Command,
): Promise<{
  rules: ReturnType<typeof readRulesFile>['rules'];
  lists: ReferenceList[];
  locators?: ReturnType<typeof readRulesFile>['locators'];
}> {
  if (o.rules) {
    const { rules, locators } = readRulesFile(o.rules);
    return { rules, lists: readListFiles(o.lists), locators };
  }
  if (!o.name) throw new Error('give --rules <file> or --name <ruleset>');
  return withStore(cmd, async (store) => {
    const stored = await store.rulesets.get(o.name!, o.version);
    if (!stored)
      throw new Error(
        `SIEVE_ERR_RULESET_NOT_FOUND: no ruleset ${o.name}${o.version ? `@${o.version}` : ' active'}`,
      );
    return { rules: stored.rules, lists: [...stored.lists, ...readListFiles(o.lists)] };
  });
}

function labelledOptions(map: string | undefined) {
  return map ? { map } : {};
}

function fmtLists(v: Record<string, number>): string {
  const entries = Object.entries(v);
  return entries.length ? entries.map(([n, x]) => `${n}@${x}`).join(', ') : '(none)';
}

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : 'n/a');
const num = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en') : x.toFixed(1));

function printBacktest(r: BacktestReport, o: { history: string; period: string; unlabelled: number }): void {
  const ov = r.overall;
  console.log(`history ${o.history}; period ${o.period}`);
  console.log(
    `${r.declarations.toLocaleString('en')} declarations with known outcomes (${o.unlabelled} without), ${r.findings.toLocaleString('en')} findings: base rate ${pct(r.baseRate)}, revenue of findings ${num(r.revenueTotal)}`,
  );
  console.log(
    `ruleset selects ${ov.selected.toLocaleString('en')} (${pct(ov.inspectionRate)}): ${ov.hits} hits, precision ${pct(ov.precision)}, recall ${pct(ov.recall)}, revenue found ${pct(ov.revenueShare)}, lift over random ${ov.lift.toFixed(2)} (random would find ${num(ov.randomHits)})`,
  );
  console.table(
    r.rules.map((x) => ({
      rule: x.ruleId,
      points: x.points ?? '',
      fired: x.selected,
      hits: x.hits,
      precision: pct(x.precision),
      recall: pct(x.recall),
      revenue: pct(x.revenueShare),
      lift: Number.isFinite(x.lift) ? x.lift.toFixed(2) : 'n/a',
    })),
  );
  console.log('most risky by points, at fixed inspection rates (ties shared out):');
  console.table(
    r.atRates.map((x) => ({
      rate: pct(x.rate),
      selected: x.selected,
      hits: num(x.hits),
      precision: pct(x.precision),
      recall: pct(x.recall),
      revenue: pct(x.revenueShare),
      lift: x.lift.toFixed(2),
    })),
  );
  console.log(
    JSON.stringify({
      declarations: r.declarations,
      findings: r.findings,
      inspection_rate: ov.inspectionRate,
      precision: ov.precision,
      recall: ov.recall,
      revenue_share: ov.revenueShare,
      lift: ov.lift,
    }),
  );
}

function printProposals(ps: readonly WeightProposal[]): void {
  console.table(
    ps.map((p) => ({
      rule: p.ruleId,
      points: p.changed ? `${p.current} -> ${p.proposed}` : String(p.current),
      'hit rate': p.hitRate === undefined ? '' : pct(p.hitRate),
      inspections: p.effectiveInspections.toFixed(1),
      why: p.reason,
    })),
  );
}
