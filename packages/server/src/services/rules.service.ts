import type { Lane } from '@sieve/core/ensemble';
import {
  compileRuleset,
  createValueBandTable,
  loadRulesFromJson,
  type ReferenceList,
  type Rule,
  type RuleProblem,
  referenceListSchema,
} from '@sieve/core/rules';
import {
  type BacktestReport,
  backtest,
  backtestRow,
  createSnapshot,
  parseScoringPolicy,
  parseValueBandSet,
  score,
  TradeHistory,
} from '@sieve/core/scoring';
import { DEFAULT_POLICY, parseLookouts, revenueOf } from '@sieve/pipeline';
import type { RulesetVersion, Store, StoredListVersion } from '@sieve/store';
import { SieveError } from '../errors/index.ts';
import type { AuditService } from './audit.service.ts';
import type { AuthedContext } from './context.ts';

/** The answer of a backtest over stored declarations and their inspection results. */
export interface BacktestAnswer {
  from: string;
  to: string;
  declarations: number;
  days: { day: string; declarations: number; hits: number; inspected: number; findings: number }[];
  rules: {
    ruleId: string;
    title: string;
    fired: number;
    inspected: number;
    findings: number;
    hitRate: number | null;
  }[];
  lanes: Record<Lane, number>;
  /** Precision, recall, revenue and lift per rule and overall, over the inspected declarations. */
  report: BacktestReport;
}

/** Most declarations a backtest scores (the period), and how far back history goes for trading facts. */
export const BACKTEST_MAX_DECLARATIONS = 200_000;
const HISTORY_DAYS = 365;

/**
 * Rulesets and reference lists for risk analysts: validate as they type,
 * save a new draft version, backtest it on stored declarations with their
 * inspection results, activate it with a reason. Every draft and activation
 * is audited by the store with who, when and why; the server adds where from.
 */
export class RulesService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly onActivated: () => void = () => {},
  ) {}

  list(): Promise<RulesetVersion[]> {
    return this.store.rulesets.list();
  }

  async get(name: string, version: number) {
    const found = await this.store.rulesets.get(name, version);
    if (!found) throw notFound(name, version);
    return { ...found.version, rules: found.rules, lists: found.lists };
  }

  /** Every problem of a set of rules against the given list versions (or the latest of each list). */
  async validate(rules: unknown[], listVersions?: Record<string, number>): Promise<RuleProblem[]> {
    const lists = listVersions
      ? await this.store.referenceLists.getVersions(listVersions)
      : await this.latestLists();
    return this.check(rules, lists).problems;
  }

  /** Saves rules as the next draft version of a ruleset, with the lists of the version it was edited from. */
  async createDraft(
    ctx: AuthedContext,
    name: string,
    d: { rules: unknown[]; parentVersion?: number; reason: string },
  ): Promise<{ version: RulesetVersion; created: boolean }> {
    const parent =
      d.parentVersion !== undefined ? await this.store.rulesets.get(name, d.parentVersion) : undefined;
    if (d.parentVersion !== undefined && !parent) throw notFound(name, d.parentVersion);
    const lists = parent?.lists ?? (await this.latestLists());
    const checked = this.check(d.rules, lists);
    if (!checked.rules)
      throw new SieveError(
        'SIEVE_ERR_RULES_INVALID',
        `${checked.problems.length} problem(s) in the rules`,
        checked.problems,
      );
    const used = new Set(Object.keys(checked.listVersions));
    const result = await this.store.rulesets.createDraft({
      name,
      rules: checked.rules,
      lists: lists.filter((l) => used.has(l.name)),
      actor: ctx.principal.id,
      reason: d.reason,
      ...(d.parentVersion !== undefined ? { parentVersion: d.parentVersion } : {}),
    });
    if (result.created) await this.origin(ctx, 'ruleset.draft', `${name}@${result.version.version}`);
    return result;
  }

  async activate(ctx: AuthedContext, name: string, version: number, reason: string): Promise<RulesetVersion> {
    const v = await this.store.rulesets.activate(name, version, ctx.principal.id, reason);
    await this.origin(ctx, 'ruleset.activate', `${name}@${version}`);
    this.onActivated();
    return v;
  }

  lists(): Promise<StoredListVersion[]> {
    return this.store.referenceLists.list();
  }

  async listVersion(name: string, version: number): Promise<ReferenceList> {
    const l = await this.store.referenceLists.get(name, version);
    if (!l) throw new SieveError('SIEVE_ERR_LIST_NOT_FOUND', `no reference list ${name}@${version}`);
    return l;
  }

  /** Stores lists whose content changed as new versions (the same content keeps its version). */
  async storeLists(ctx: AuthedContext, inputs: unknown[]): Promise<ReferenceList[]> {
    const lists: ReferenceList[] = [];
    const problems: { in: string; field: string; expected: string }[] = [];
    inputs.forEach((input, i) => {
      const r = referenceListSchema.safeParse(input);
      if (r.success) lists.push(r.data as ReferenceList);
      else
        for (const issue of r.error.issues)
          problems.push({
            in: 'body',
            field: `lists[${i}].${issue.path.join('.')}`,
            expected: issue.message,
          });
    });
    if (problems.length) throw new SieveError('SIEVE_ERR_VALIDATION', 'the lists are not valid', problems);
    const stored = await this.store.referenceLists.store(lists, ctx.principal.id);
    for (const l of stored) await this.origin(ctx, 'list.import', `${l.name}@${l.version}`);
    return stored;
  }

  /**
   * Scores the declarations lodged in [from, to) with a ruleset version and
   * compares with what inspections found. Trading-history facts come from
   * the year before `from` and from the period itself, each declaration
   * seeing only what was lodged before it; random selection plays no part.
   */
  async backtest(name: string, version: number, from: string, to: string): Promise<BacktestAnswer> {
    const stored = await this.store.rulesets.get(name, version);
    if (!stored) throw notFound(name, version);
    const compiled = compileRuleset(stored.rules, { lists: stored.lists });
    if (!compiled.ok)
      throw new SieveError(
        'SIEVE_ERR_RULES_INVALID',
        'the stored rules no longer compile',
        compiled.problems,
      );
    const policyRow = await this.store.riskArtifacts.active('policy');
    const policy = parseScoringPolicy(policyRow?.doc ?? { ...DEFAULT_POLICY, seed: 'backtest' });
    const bandsRow = await this.store.riskArtifacts.active('bands');
    const lookoutsRow = await this.store.riskArtifacts.active('lookouts');
    const snapshot = createSnapshot({
      ruleset: compiled.ruleset,
      rulesetVersion: `${name}@${version}`,
      policy: {
        ...policy,
        minRandomRate: 0,
        selection: policy.selection.map((s) => ({ ...s, minRandomRate: 0 })),
      },
      policyVersion: 'backtest',
      seed: 'backtest',
      ...(bandsRow
        ? {
            bands: { lookup: createValueBandTable(parseValueBandSet(bandsRow.doc).bands), version: 'active' },
          }
        : {}),
      ...(lookoutsRow ? { lookouts: parseLookouts(lookoutsRow.doc) } : {}),
    });
    const outcomes = await this.outcomes(from, to);
    const history = new TradeHistory();
    const since = new Date(Date.parse(from) - HISTORY_DAYS * 86_400_000).toISOString();
    for await (const d of this.store.declarations.inLodgementOrder({ from: since, to: from }))
      history.observe(d);
    const days = new Map<string, BacktestAnswer['days'][number]>();
    const perRule = new Map<string, { fired: number; inspected: number; findings: number }>();
    const lanes: Record<Lane, number> = { red: 0, yellow: 0, blue: 0, green: 0 };
    const rows: ReturnType<typeof backtestRow>[] = [];
    let n = 0;
    for await (const d of this.store.declarations.inLodgementOrder({ from, to })) {
      if (++n > BACKTEST_MAX_DECLARATIONS)
        throw new SieveError(
          'SIEVE_ERR_VALIDATION',
          `more than ${BACKTEST_MAX_DECLARATIONS} declarations: choose a shorter period`,
          [{ in: 'body', field: 'to', expected: 'an earlier date' }],
        );
      const a = score(d, snapshot, { facts: history.facts(d) as Record<string, number | boolean> });
      history.observe(d);
      lanes[a.lane]++;
      const o = outcomes.get(d.id);
      const outcome = o && { finding: o.finding, revenue: o.finding ? revenueOf(o.result, d) : 0 };
      const day = d.lodgedAt.slice(0, 10);
      const dd = days.get(day) ?? { day, declarations: 0, hits: 0, inspected: 0, findings: 0 };
      dd.declarations++;
      if (a.rules.length > 0) dd.hits++;
      if (outcome) dd.inspected++;
      if (outcome?.finding) dd.findings++;
      days.set(day, dd);
      for (const id of new Set(a.rules.map((r) => r.ruleId))) {
        const t = perRule.get(id) ?? { fired: 0, inspected: 0, findings: 0 };
        t.fired++;
        if (outcome) t.inspected++;
        if (outcome?.finding) t.findings++;
        perRule.set(id, t);
      }
      if (outcome) rows.push(backtestRow(a, outcome));
    }
    return {
      from,
      to,
      declarations: Math.min(n, BACKTEST_MAX_DECLARATIONS),
      days: [...days.values()],
      rules: stored.rules.map((r) => {
        const t = perRule.get(r.id) ?? { fired: 0, inspected: 0, findings: 0 };
        return {
          ruleId: r.id,
          title: r.title,
          ...t,
          hitRate: t.inspected > 0 ? t.findings / t.inspected : null,
        };
      }),
      lanes,
      report: backtest(rows, { rules: stored.rules }),
    };
  }

  private check(
    input: unknown[],
    lists: readonly ReferenceList[],
  ): { rules?: Rule[]; listVersions: Record<string, number>; problems: RuleProblem[] } {
    const loaded = loadRulesFromJson(JSON.stringify(input));
    if (!loaded.ok) return { listVersions: {}, problems: loaded.problems };
    const compiled = compileRuleset(loaded.rules, { lists });
    if (!compiled.ok) return { listVersions: {}, problems: compiled.problems };
    return { rules: loaded.rules, listVersions: { ...compiled.ruleset.listVersions }, problems: [] };
  }

  private async latestLists(): Promise<ReferenceList[]> {
    const latest = new Map<string, number>();
    for (const l of await this.store.referenceLists.list())
      if (!latest.has(l.name)) latest.set(l.name, l.version);
    return this.store.referenceLists.getVersions(Object.fromEntries(latest));
  }

  /** Inspection results of the declarations lodged in the period: the first result of each. */
  private async outcomes(from: string, to: string) {
    const rows = await this.store.sql.query<{ declaration_id: string; outcome: string; doc: unknown }>(
      `SELECT DISTINCT ON (i.declaration_id) i.declaration_id, i.outcome, i.doc
         FROM inspection_results i JOIN declarations d ON d.id = i.declaration_id AND d.version = 1
        WHERE d.lodged_at >= $1::timestamptz AND d.lodged_at < $2::timestamptz
        ORDER BY i.declaration_id, i.started_at`,
      [from, to],
    );
    return new Map(
      rows.map((r) => [
        r.declaration_id,
        {
          finding: r.outcome === 'finding',
          result: (typeof r.doc === 'string' ? JSON.parse(r.doc) : r.doc) as Parameters<typeof revenueOf>[0],
        },
      ]),
    );
  }

  /** Where a change made over HTTP came from, beside the store's own audit entry (who, when, why). */
  private origin(ctx: AuthedContext, action: string, entityId: string): Promise<number> {
    const entity = action.startsWith('list.') ? 'reference_list' : 'ruleset';
    return this.audit.record(ctx, { action: 'request.origin', entity, entityId, details: { for: action } });
  }
}

function notFound(name: string, version: number): SieveError {
  return new SieveError('SIEVE_ERR_RULESET_NOT_FOUND', `no ruleset ${name}@${version}`);
}
