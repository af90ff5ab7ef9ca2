import type { CargoReport, Declaration } from '@sieve/core';
import type { Lane } from '@sieve/core/ensemble';
import { type Assessment, applyDailyCapacity } from '@sieve/core/scoring';
import { type ReadOptions, readRecords } from '@sieve/ingest';
import type { AssessedAt, ScoringRun, Store } from '@sieve/store';
import { CargoIndex } from './score-cargo.ts';
import { assessDeclaration, type ModelReasons, ScoringHistory } from './score-declaration.ts';
import type { LoadedSnapshot } from './score-snapshot.ts';

export interface ScoreOptions {
  /** Who runs the scoring (audit). */
  actor?: string;
  /** Assessments per database transaction (default 2,000). */
  batchSize?: number;
  /** Trading history for `facts.*` and the model's profiles: stored declarations are loaded first (default true). */
  historyFromStore?: boolean;
  /** Cargo reports to link declarations to (besides those in the input and, by default, the store's). */
  cargo?: CargoIndex;
  cargoFromStore?: boolean;
  /** Which assessments get the model's reasons (default `referred`: red and yellow). */
  modelReasons?: ModelReasons;
  /** Called with the number of declarations scored so far. */
  onProgress?: (scored: number) => void;
  /** Called with every decided assessment (after capacity), e.g. to tally rules or patterns. */
  onAssessment?: (a: Assessment) => void;
  /**
   * When each assessment is recorded as made (default: now). A replay of past
   * days that stands for real-time operation (the demo) gives a time shortly
   * after lodgement, so that time to release means what it would in service.
   */
  assessedAt?: AssessedAt;
}

/** What a scoring run did. */
export interface ScoreResult {
  run: ScoringRun;
  lanes: Record<Lane, number>;
  random: number;
  /** Declarations linked to a cargo report. */
  withCargo: number;
  /** Records of other kinds in the input (cargo reports are used for linking, inspections left to intake). */
  skipped: { cargoReports: number; inspections: number; invalid: number };
}

/**
 * Scores the declarations of a file with a loaded snapshot, applies the
 * daily capacity of each lane and stores the decisions (one per declaration
 * version and snapshot: a second run stores nothing new). Cargo reports in
 * the file, in `options.cargo` and in the store are linked through the
 * declarations' transport documents; facts come from the trading history.
 *
 * @example const r = await scoreFile(store, 'declarations.ndjson', loaded, { actor: 'cli' }); r.lanes.red
 */
export async function scoreFile(
  store: Store,
  path: string,
  loaded: LoadedSnapshot,
  options: ScoreOptions & ReadOptions = {},
): Promise<ScoreResult> {
  const cargo = options.cargo ?? new CargoIndex();
  const skipped = { cargoReports: 0, inspections: 0, invalid: 0 };
  const declarations: Declaration[] = [];
  // Cargo reports can come after the declarations that cite them: read the file once, then score.
  for await (const r of readRecords(path, options)) {
    if (!r.ok) {
      skipped.invalid++;
      continue;
    }
    for (const rec of r.records) {
      if (rec.kind === 'declaration') declarations.push(rec.value);
      else if (rec.kind === 'cargo-report') {
        cargo.add(rec.value);
        skipped.cargoReports++;
      } else skipped.inspections++;
    }
  }
  const result = await scoreDeclarations(store, declarations, loaded, { ...options, cargo, source: path });
  return { ...result, skipped };
}

/**
 * Scores declarations (in any order; time order keeps memory low and the
 * model's history exact) with the rules, the active watchlists and the
 * active model, and stores the decisions. See {@link scoreFile}.
 */
export async function scoreDeclarations(
  store: Store,
  declarations: Iterable<Declaration> | AsyncIterable<Declaration>,
  loaded: LoadedSnapshot,
  options: ScoreOptions & { source: string },
): Promise<Omit<ScoreResult, 'skipped'>> {
  const { snapshot } = loaded;
  const cargo = options.cargo ?? new CargoIndex();
  if (options.cargoFromStore ?? true) await loadStoredCargo(store, cargo);
  const history =
    (options.historyFromStore ?? true)
      ? await ScoringHistory.fromStore(store, loaded)
      : new ScoringHistory(loaded.model);
  const runId = await store.assessments.startRun({
    source: options.source,
    snapshot,
    actor: options.actor ?? 'system',
  });
  const lanes: Record<Lane, number> = { red: 0, yellow: 0, blue: 0, green: 0 };
  let random = 0;
  let withCargo = 0;
  let scored = 0;
  const batchSize = options.batchSize ?? 2000;
  // Capacity is per day: assessments wait until their day is complete (input in time order), or the end.
  let pending: Assessment[] = [];
  let pendingDay = '';
  const flush = async (all: boolean) => {
    const ready = all ? pending : pending.filter((a) => a.lodgedAt.slice(0, 10) < pendingDay);
    if (ready.length === 0) return;
    pending = all ? [] : pending.filter((a) => a.lodgedAt.slice(0, 10) >= pendingDay);
    const decided = applyDailyCapacity(ready, snapshot.select);
    for (const a of decided) {
      lanes[a.lane]++;
      if (a.random.drawn) random++;
      options.onAssessment?.(a);
    }
    for (let i = 0; i < decided.length; i += batchSize) {
      await store.assessments.write(runId, decided.slice(i, i + batchSize), options.assessedAt);
    }
  };
  try {
    for await (const d of declarations) {
      const linked: CargoReport | undefined = cargo.find(d);
      if (linked) withCargo++;
      pending.push(
        assessDeclaration(loaded, history, d, {
          ...(linked ? { cargo: linked } : {}),
          ...(options.modelReasons ? { modelReasons: options.modelReasons } : {}),
        }),
      );
      history.observe(d);
      scored++;
      const day = d.lodgedAt.slice(0, 10);
      if (day > pendingDay) pendingDay = day;
      if (pending.length >= batchSize) await flush(false);
      if (scored % 1000 === 0) options.onProgress?.(scored);
    }
    await flush(true);
    options.onProgress?.(scored);
  } catch (err) {
    await store.assessments.finishRun(runId, 'failed', err instanceof Error ? err.message : String(err));
    throw err;
  }
  const run = await store.assessments.finishRun(runId, 'completed');
  return { run, lanes, random, withCargo };
}

async function loadStoredCargo(store: Store, cargo: CargoIndex): Promise<void> {
  let after: [string, number] = ['', 0];
  for (;;) {
    const rows = await store.sql.query<{ id: string; version: number; doc: CargoReport | string }>(
      'SELECT id, version, doc FROM cargo_reports WHERE (id, version) > ($1, $2) ORDER BY id, version LIMIT 2000',
      after,
    );
    for (const r of rows) cargo.add(typeof r.doc === 'string' ? (JSON.parse(r.doc) as CargoReport) : r.doc);
    const last = rows.at(-1);
    if (!last || rows.length < 2000) return;
    after = [last.id, last.version];
  }
}
