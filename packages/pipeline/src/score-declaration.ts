import type { CargoReport, Declaration } from '@sieve/core';
import {
  dayNumber,
  declarationFacts,
  explainScore,
  factsInto,
  type HistoryRow,
  type MutableDeclarationFacts,
  type Outcome,
  type ProfileState,
} from '@sieve/core/model';
import { type Assessment, MODEL_REASONS, type ModelVerdict, score, TradeHistory } from '@sieve/core/scoring';
import { type PartyScreeningResult, screenParties, subjectsOfDeclaration } from '@sieve/core/watchlist';
import type { Store } from '@sieve/store';
import type { ModelLayer, WatchlistLayer } from './score-layers.ts';
import type { LoadedSnapshot } from './score-snapshot.ts';

/**
 * Which assessments get the model's reasons: `referred` (red or yellow, the
 * ones an officer reads; the default) or `all`. The probability is computed
 * for every declaration; the reasons (exact TreeSHAP) cost far more.
 */
export type ModelReasons = 'referred' | 'all';

/**
 * Scores one declaration with all three layers: the rules (with facts from
 * the trading history), the watchlists (its parties and vessel screened
 * under each list's policy) and the model (its probability and top reasons
 * from the profiles of earlier days). Layers that are not active are left
 * out and the assessment says so. Synchronous: everything slow was loaded
 * with the snapshot and the history.
 *
 * @example
 * const history = await ScoringHistory.fromStore(store, loaded);
 * const a = assessDeclaration(loaded, history, declaration); history.observe(declaration);
 */
export function assessDeclaration(
  loaded: LoadedSnapshot,
  history: ScoringHistory,
  d: Declaration,
  o: { cargo?: CargoReport; modelReasons?: ModelReasons } = {},
): Assessment {
  const watchlist = loaded.watchlists && screenDeclaration(loaded.watchlists, d);
  const explainAll = o.modelReasons === 'all';
  const input = (model: ModelVerdict | undefined) =>
    score(d, loaded.snapshot, {
      ...(o.cargo ? { cargo: o.cargo } : {}),
      facts: history.trade.facts(d) as Record<string, number | boolean>,
      ...(watchlist ? { watchlist } : {}),
      ...(model ? { model } : {}),
    });
  const model = history.model?.verdict(d, explainAll);
  const a = input(model);
  if (!model?.reasonsOmitted || (a.lane !== 'red' && a.lane !== 'yellow')) return a;
  // Referred: score again with the reasons (same probability, so the same decision).
  return input(history.model!.verdict(d, true));
}

/** The declarant, importer, exporter, seller, consignee, carrier and vessel of a declaration against the active lists, on its lodgement day. */
export function screenDeclaration(layer: WatchlistLayer, d: Declaration): PartyScreeningResult {
  return screenParties(subjectsOfDeclaration(d), layer.index, layer.policies, {
    on: d.lodgedAt.slice(0, 10),
  });
}

/**
 * What scoring remembers of earlier declarations: the trading history for
 * rule facts and, with a model active, the profiles its features read.
 * Observe each declaration after scoring it.
 */
export class ScoringHistory {
  readonly trade = new TradeHistory();
  readonly model: ModelHistory | undefined;

  constructor(model?: ModelLayer) {
    this.model = model && new ModelHistory(model);
  }

  /**
   * History from every stored declaration, with the outcome of its
   * inspections for the model's profiles.
   */
  static async fromStore(store: Store, loaded: LoadedSnapshot): Promise<ScoringHistory> {
    const h = new ScoringHistory(loaded.model);
    const outcomes = h.model ? await storedOutcomes(store) : undefined;
    for await (const d of store.declarations.inLodgementOrder()) h.observe(d, outcomes?.get(d.id));
    return h;
  }

  observe(d: Declaration, outcome?: Outcome): void {
    this.trade.observe(d);
    this.model?.observe(d, outcome);
  }
}

/**
 * The model's view of history: the latest history snapshot the model
 * carries from before the first declaration scored, then the declarations
 * (and inspection outcomes) after it, applied day by day so a declaration's
 * features read earlier days only, as in training. Declarations observed on
 * or before the snapshot's day are already in it and are not counted twice.
 * Scoring in time order keeps this exact; a declaration older than ones
 * already scored sees those too.
 */
export class ModelHistory {
  private state: ProfileState | undefined;
  /** Last day whose declarations are in `state`. */
  private applied = Number.NEGATIVE_INFINITY;
  private pending: HistoryRow[] = [];
  private sorted = true;
  private readonly seen = new Set<string>();
  /** The model's probability for an average training row: the same for every declaration, worked out once. */
  private baseProbability: number | undefined;
  /**
   * The facts of a declaration read and dropped at once (its verdict, or its
   * observation into profiles already built), overwritten by each: new facts
   * are made only for the declarations that wait in `pending`. The verdict's
   * facts, made for every declaration, were by V8's heap sampling under
   * bench:api the next largest part of what survived the scavenges into the
   * old generation to die there (about 0.5 KB a request; the observation's
   * as much again there, where the requests repeat days already applied,
   * but in service a declaration of the day being scored waits in `pending`).
   */
  private scratch: MutableDeclarationFacts | undefined;

  constructor(readonly layer: ModelLayer) {}

  /** Adds a declaration (once per id: versions of one declaration are one shipment) and its outcome if inspected. */
  observe(d: Declaration, outcome?: Outcome): void {
    if (this.seen.has(d.id)) return;
    this.seen.add(d.id);
    if (this.state && dayNumber(d.lodgedAt) <= this.applied) {
      this.state.observe(this.factsOf(d), outcome);
      return;
    }
    const facts = declarationFacts(d);
    const last = this.pending.at(-1);
    if (last && last.facts.day > facts.day) this.sorted = false;
    this.pending.push(outcome ? { facts, outcome } : { facts });
  }

  /**
   * The model's probability for `d` and, with `explain`, its top reasons in
   * officer's words; without, the reasons are left out (and said to be).
   */
  verdict(d: Declaration, explain: boolean): ModelVerdict {
    const facts = this.factsOf(d);
    const state = this.before(facts.day, d.lodgedAt);
    const { version, model } = this.layer;
    if (explain || this.baseProbability === undefined) {
      const ex = explainScore(model, facts, state, MODEL_REASONS);
      this.baseProbability = ex.baseProbability;
      if (explain) {
        const { probability, baseProbability, reasons } = ex;
        return { version, probability, baseProbability, reasons };
      }
    }
    const { probability } = model.scoreFacts(facts, state);
    return { version, probability, baseProbability: this.baseProbability, reasons: [], reasonsOmitted: true };
  }

  /** `d`'s facts in {@link scratch}: good until the next call. */
  private factsOf(d: Declaration): MutableDeclarationFacts {
    this.scratch = factsInto(d, this.scratch);
    return this.scratch;
  }

  private before(day: number, lodgedAt: string): ProfileState {
    if (!this.state) {
      const until = this.layer.model.historyDateBefore(lodgedAt);
      this.state = this.layer.model.historyBefore(lodgedAt);
      this.applied = until === undefined ? Number.NEGATIVE_INFINITY : dayNumber(until);
      this.pending = this.pending.filter((r) => r.facts.day > this.applied);
    }
    if (!this.sorted) {
      this.pending.sort((a, b) => a.facts.day - b.facts.day);
      this.sorted = true;
    }
    let n = 0;
    while (n < this.pending.length && this.pending[n]!.facts.day < day) {
      const r = this.pending[n++]!;
      this.state.observe(r.facts, r.outcome);
    }
    if (n > 0) this.pending.splice(0, n);
    this.applied = Math.max(this.applied, day - 1);
    return this.state;
  }
}

/** Per declaration id, what its inspections found (a finding in any of them counts). */
async function storedOutcomes(store: Store): Promise<Map<string, Outcome>> {
  const rows = await store.sql.query<{ declaration_id: string; finding: boolean; critical: boolean }>(
    `SELECT declaration_id, bool_or(outcome = 'finding') AS finding,
            bool_or(coalesce(doc::jsonb -> 'labels' ->> 'criticalFraud', '') = '2') AS critical
       FROM inspection_results GROUP BY declaration_id`,
  );
  return new Map(rows.map((r) => [r.declaration_id, { finding: r.finding, critical: r.critical }]));
}
