import type { Declaration } from '@sieve/core';
import { type Assessment, explainAssessment } from '@sieve/core/scoring';
import { parseJsonRecord } from '@sieve/ingest';
import {
  assessDeclaration,
  ensurePolicy,
  type LoadedSnapshot,
  loadSnapshot,
  ScoringHistory,
} from '@sieve/pipeline';
import { type IntakeRepository, type Store, storeAssessedDeclarations } from '@sieve/store';
import { SieveError } from '../errors/index.ts';
import { jsonTextOf, ReceivedJson } from '../schemas/received-json.ts';
import type { AuthedContext } from './context.ts';
import { type BatchObserver, GroupCommit } from './group-commit.ts';
import type { IntakeService } from './intake.service.ts';

/** What a request for the assessment of one declaration gets. */
export interface AssessmentResult {
  /** `assessed` the first time; `duplicate` when this version was already assessed with these versions. */
  outcome: 'assessed' | 'duplicate';
  assessment: Assessment;
  explanation: string[];
}

interface Pending {
  ctx: AuthedContext;
  declaration: Declaration;
  /** The declaration's JSON as received, when validation left it unchanged. */
  json: string | undefined;
  assessment: Assessment;
}

const RUN_MS = 3_600_000;

/** How often the active versions are compared with those of the loaded snapshot. */
const CHECK_EVERY_MS = 10_000;

interface Loaded {
  loaded: LoadedSnapshot;
  /**
   * Trading history (facts.* in rules) and the model's profiles, from every
   * stored declaration, then each one assessed here.
   */
  history: ScoringHistory;
  /** The active versions it was built from, to notice a change made elsewhere (the CLI). */
  versions: string;
  checkedAt: number;
}

/**
 * Real-time assessment of one declaration: take it in, score it with the
 * active ruleset (its lists, bands, lookouts and policy), the active
 * watchlists and the active model, store the declaration and its assessment
 * together and audit the decision. The snapshot (with the watchlist index
 * and the model) is loaded once and reloaded when another version of any of
 * them becomes active, or a list policy changes (at once when a service of
 * this server calls `invalidate`, within ten seconds otherwise). Requests
 * that arrive together are stored in one transaction.
 *
 * Not applied here: daily capacity, which ranks a whole day's assessments
 * (`sieve score` applies it), and cargo reports (rules on `cargo.*` do not
 * fire on this path).
 */
export class AssessmentService {
  private current: Promise<Loaded> | undefined;
  /** The last snapshot loaded, whose history a new one can keep. */
  private last: Loaded | undefined;
  /** The last failure to load, answered again until the next check (or an activation here). */
  private failed: { at: number; error: unknown } | undefined;
  private run: { id: number; startedAt: number } | undefined;
  private readonly writer: GroupCommit<Pending, Assessment>;

  constructor(
    private readonly store: Store,
    private readonly intake: IntakeService,
    private readonly ruleset: string | undefined,
    observeBatch?: BatchObserver,
  ) {
    this.writer = new GroupCommit((items: Pending[]) => this.write(items), {
      maxBatch: 500,
      observe: observeBatch,
    });
  }

  /** `body`: the declaration as received ({@link ReceivedJson}) or as parsed. */
  async assess(ctx: AuthedContext, body: unknown): Promise<AssessmentResult> {
    const text = jsonTextOf(body);
    const read = parseJsonRecord(1, text, 'declaration');
    // Quarantined with its reasons like any intake: intake answers SIEVE_ERR_RECORD_QUARANTINED.
    if (!read.ok) await this.intake.one(ctx, parsedBody(body), 'declaration');
    const record = read.ok ? read.records[0] : undefined;
    if (record?.kind !== 'declaration')
      throw new SieveError('SIEVE_ERR_VALIDATION', 'only declarations are assessed', [
        { in: 'body', field: 'record', expected: 'a declaration (leave "record" out, or "declaration")' },
      ]);
    const declaration = record.value;
    const { loaded, history } = await this.snapshot();
    const assessment = assessDeclaration(loaded, history, declaration);
    history.observe(declaration);
    // The text as received is stored as it is when validation left the declaration unchanged.
    const stored = await this.writer.submit({ ctx, declaration, assessment, json: record.json });
    return {
      outcome: stored === assessment ? 'assessed' : 'duplicate',
      assessment: stored,
      explanation: explainAssessment(stored),
    };
  }

  /**
   * Loads the snapshot (rules, lists, watchlist index, model, history) now
   * rather than on the first assessment, which would otherwise wait for it.
   * Nothing active yet is not an error here: the first assessment reports it.
   */
  async warm(): Promise<boolean> {
    this.failed = undefined; // asked to load now: try again whatever failed before
    try {
      await this.snapshot();
      return true;
    } catch {
      return false;
    }
  }

  /** Forget the loaded snapshot: the next assessment loads the active versions. */
  invalidate(): void {
    this.current = undefined;
    this.failed = undefined;
  }

  private async snapshot(): Promise<Loaded> {
    const now = Date.now();
    if (this.current) {
      const c = await this.current;
      if (now - c.checkedAt < CHECK_EVERY_MS) return c;
      c.checkedAt = now;
      if ((await this.activeVersions(c.loaded.ruleset.version.name)) === c.versions) return c;
      this.current = undefined;
    }
    if (this.failed && now - this.failed.at < CHECK_EVERY_MS) throw this.failed.error;
    this.current ??= this.load().catch((err) => {
      // Kept for a while: loading again (the history, the watchlist index) for every request to
      // answer the same error would only slow the server down until someone fixes the cause.
      this.current = undefined;
      this.failed = { at: Date.now(), error: err };
      throw err;
    });
    return this.current;
  }

  private async load(): Promise<Loaded> {
    const name = this.ruleset ?? (await this.onlyActiveRuleset());
    // Making the default policy is a version change of its own: made first, or the next check would
    // find the versions changed and load everything again.
    await ensurePolicy(this.store, 'server');
    const versions = await this.activeVersions(name);
    const loaded = await loadSnapshot(this.store, { ruleset: name, actor: 'server' });
    // The history does not depend on rules, lists or policy, only on the model whose profiles it keeps:
    // a new ruleset keeps it rather than reading every stored declaration again.
    const kept = this.last?.loaded.model?.version === loaded.model?.version ? this.last?.history : undefined;
    const history = kept ?? (await ScoringHistory.fromStore(this.store, loaded));
    this.last = { loaded, history, versions, checkedAt: Date.now() };
    return this.last;
  }

  /**
   * The intake run the declarations assessed here are counted in: one per
   * server and hour (a run per request would double the writes of each
   * batch). Finished when the hour is over or the server closes; one left
   * "running" by a crash still has exact counts, batch by batch.
   */
  private async intakeRun(intake: IntakeRepository): Promise<number> {
    const now = Date.now();
    if (this.run && now - this.run.startedAt < RUN_MS) return this.run.id;
    if (this.run) await intake.finishRun(this.run.id, 'completed');
    const id = await intake.startRun({ source: 'api assessments', format: 'json', actor: 'api' });
    this.run = { id, startedAt: now };
    return id;
  }

  /** Finishes the current intake run (server shutdown). */
  async close(): Promise<void> {
    await this.writer.flush();
    if (this.run) await this.store.intake.finishRun(this.run.id, 'completed');
    this.run = undefined;
  }

  private async onlyActiveRuleset(): Promise<string> {
    const active = (await this.store.rulesets.list()).filter((v) => v.status === 'active');
    if (active.length === 1) return active[0]!.name;
    throw new SieveError(
      'SIEVE_ERR_NO_ACTIVE_RULESET',
      active.length === 0
        ? 'no ruleset is active: import one and activate it (sieve rules import, or /api/rulesets)'
        : `several rulesets are active (${active.map((v) => v.name).join(', ')}): set SIEVE_RULESET to the one to assess with`,
    );
  }

  /** Every active version scoring depends on: ruleset, artifacts, watchlists and their policies, model. */
  private async activeVersions(ruleset: string): Promise<string> {
    const rows = await this.store.sql.query<{ k: string }>(
      `SELECT 'ruleset:' || version AS k FROM rulesets WHERE name = $1 AND status = 'active'
       UNION ALL SELECT kind || ':' || version FROM risk_artifacts WHERE active
       UNION ALL SELECT 'watchlist:' || list_id || '@' || version FROM watchlist_versions WHERE active
       UNION ALL SELECT 'watchlist-policy:' || list_id || '@' || coalesce(threshold::text, '') || '/'
                        || coalesce(points::text, '') || '/' || coalesce(lane, '') FROM watchlist_policies
       UNION ALL SELECT 'model:' || id::text FROM model_versions WHERE active
       ORDER BY 1`,
      [ruleset],
    );
    return rows.map((r) => r.k).join(',');
  }

  /**
   * One statement for everything queued: the declarations (an intake run),
   * their assessments, the audit. Made ready here, run where the database is
   * (one message to PGlite's thread, see the store's procedures); only plain
   * parameters cross, so the assessments need no copying.
   */
  private async write(items: Pending[]): Promise<Assessment[]> {
    const runId = await this.intakeRun(this.store.intake);
    const stored = await storeAssessedDeclarations(this.store.sql, {
      runId,
      items: items.map(({ ctx, declaration, json, assessment: a }) => ({
        declaration,
        ...(json ? { json } : {}),
        assessment: a,
        audit: {
          actor: ctx.principal.id,
          action: 'assessment.create',
          entity: 'declaration',
          entityId: a.declarationId,
          source: ctx.ip,
          details: {
            version: a.declarationVersion,
            lane: a.lane,
            points: a.points,
            selectedBy: a.selectedBy,
            snapshot: a.snapshotKey,
            ruleset: a.versions.ruleset,
            requestId: ctx.requestId,
          },
        },
      })),
    });
    return items.map((i, n) => stored[n] ?? i.assessment);
  }
}

/**
 * The body as a value, for quarantine; a body that is not JSON at all is
 * refused as such (parsed again here only on this rare path).
 */
function parsedBody(body: unknown): unknown {
  if (!(body instanceof ReceivedJson)) return body;
  try {
    return JSON.parse(body.text);
  } catch (err) {
    throw new SieveError('SIEVE_ERR_BAD_JSON', `the body is not JSON: ${(err as Error).message}`);
  }
}
