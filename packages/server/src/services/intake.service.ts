import type { Readable } from 'node:stream';
import type { RecordKind } from '@sieve/core';
import { type IngestRecord, ndjsonRecords, parseJsonRecord, type ReadResult } from '@sieve/ingest';
import { runIntakeFrom } from '@sieve/pipeline';
import {
  type AcceptedRecord,
  type IntakeRun,
  partiesOf,
  type QuarantinedRecord,
  type QuarantineEntry,
  type RecordKey,
  RecordKeysRepository,
  recordKeyText,
  type Store,
} from '@sieve/store';
import { SieveError } from '../errors/index.ts';
import type { AuditService } from './audit.service.ts';
import type { AuthedContext } from './context.ts';
import { type BatchObserver, GroupCommit } from './group-commit.ts';

interface PendingSingle {
  ctx: AuthedContext;
  result: ReadResult;
}

function keyOf(r: IngestRecord): RecordKey {
  return r.kind === 'inspection'
    ? { kind: r.kind, id: r.value.id }
    : { kind: r.kind, id: r.value.id, version: r.value.version };
}

/** What became of one record sent alone. */
export interface SingleIntake {
  runId: number;
  outcome: 'accepted' | 'duplicate';
}

/** How many quarantined records a batch answer lists; the rest are at /api/intake/runs/:id/quarantine. */
export const QUARANTINE_SHOWN = 100;

/**
 * Intake over HTTP: the same path as files (validate, quarantine with
 * reasons, store idempotently on (id, version)), so nothing sent is lost and
 * nothing is stored twice.
 */
export class IntakeService {
  private readonly singles: GroupCommit<PendingSingle, { runId: number; duplicate: boolean }>;
  private readonly keys: RecordKeysRepository;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly onRecords: (accepted: number, quarantined: number) => void = () => {},
    observeBatch?: BatchObserver,
  ) {
    this.singles = new GroupCommit((items: PendingSingle[]) => this.writeSingles(items), {
      observe: observeBatch,
    });
    this.keys = new RecordKeysRepository(store.sql);
  }

  /**
   * One record. Accepted (new or already stored) answers with the run; a
   * record that does not validate is quarantined and answered with
   * SIEVE_ERR_RECORD_QUARANTINED and every field problem.
   */
  async one(ctx: AuthedContext, body: unknown, kind: RecordKind): Promise<SingleIntake> {
    const result = parseJsonRecord(1, JSON.stringify(body), kind);
    const { runId, duplicate } = await this.singles.submit({ ctx, result });
    if (!result.ok) {
      throw new SieveError(
        'SIEVE_ERR_RECORD_QUARANTINED',
        `the ${result.kind ?? kind} was quarantined in intake run ${runId}: ${result.errors.length} problem(s)`,
        { runId, errors: result.errors },
      );
    }
    return { runId, outcome: duplicate ? 'duplicate' : 'accepted' };
  }

  /** Everything sent one record at a time and queued meanwhile goes in together: one intake run per caller and batch. */
  private async writeSingles(items: PendingSingle[]): Promise<{ runId: number; duplicate: boolean }[]> {
    const out: { runId: number; duplicate: boolean }[] = new Array(items.length);
    const byActor = new Map<string, number[]>();
    items.forEach((it, i) => {
      const actor = it.ctx.principal.id;
      byActor.set(actor, [...(byActor.get(actor) ?? []), i]);
    });
    for (const [actor, indexes] of byActor) {
      const batch = indexes.map((i) => items[i]!);
      const keys = batch.flatMap((b) => (b.result.ok ? b.result.records.map(keyOf) : []));
      const stored = await this.keys.stored(keys);
      const ips = [...new Set(batch.map((b) => b.ctx.ip))].slice(0, 5).join(',');
      const runId = await this.store.intake.startRun({ source: `api ${ips}`, format: 'json', actor });
      const accepted: AcceptedRecord[] = [];
      const quarantined: QuarantinedRecord[] = [];
      const seen = new Set<string>();
      batch.forEach(({ result }, n) => {
        const recordNo = n + 1;
        if (!result.ok) {
          quarantined.push({ recordNo, kind: result.kind, errors: result.errors, raw: result.raw });
          out[indexes[n]!] = { runId, duplicate: false };
          return;
        }
        const texts = result.records.map((r) => recordKeyText(keyOf(r)));
        const duplicate = texts.every((k) => stored.has(k) || seen.has(k));
        for (const k of texts) seen.add(k);
        // A declaration stores the parties it names: a party record after it in the batch finds
        // them stored, as the run counts it.
        for (const r of result.records) {
          if (r.kind !== 'declaration') continue;
          for (const p of partiesOf(r.value)) seen.add(recordKeyText({ kind: 'party', id: p.id }));
        }
        for (const rec of result.records) accepted.push({ ...rec, recordNo } as AcceptedRecord);
        out[indexes[n]!] = { runId, duplicate };
      });
      try {
        await this.store.intake.writeBatch(runId, accepted, quarantined);
      } catch (err) {
        await this.store.intake.finishRun(runId, 'failed', err instanceof Error ? err.message : String(err));
        throw err;
      }
      const run = await this.store.intake.finishRun(runId, 'completed');
      this.onRecords(run.accepted, run.quarantined);
    }
    return out;
  }

  /** A JSON array, already parsed. */
  async array(ctx: AuthedContext, records: readonly unknown[], kind: RecordKind) {
    const results = records.map((r, i) => parseJsonRecord(i + 1, JSON.stringify(r), kind));
    return this.withQuarantine(await this.run(ctx, results, 'json'));
  }

  /** NDJSON, read line by line from the request as it arrives (memory stays flat). */
  async ndjson(ctx: AuthedContext, body: Readable, kind: RecordKind) {
    // Cut as a file is (`sieve ingest`): the same lines are records, blank or not, and numbered alike,
    // and a byte order mark at the start is dropped rather than costing the first record.
    return this.withQuarantine(await this.run(ctx, ndjsonRecords(body, kind), 'ndjson'));
  }

  listRuns(limit: number): Promise<IntakeRun[]> {
    return this.store.intake.listRuns(limit);
  }

  async getRun(id: number): Promise<IntakeRun> {
    const run = await this.store.intake.getRun(id);
    if (!run) throw new SieveError('SIEVE_ERR_RUN_NOT_FOUND', `no intake run ${id}`);
    return run;
  }

  /** Quarantined records hold the raw input (names, addresses): each view is audited. */
  async quarantine(
    ctx: AuthedContext,
    id: number,
    page: { limit: number; offset: number },
  ): Promise<QuarantineEntry[]> {
    await this.getRun(id);
    const entries = await this.store.quarantine.list({ runId: id, ...page });
    await this.audit.record(ctx, {
      action: 'quarantine.view',
      entity: 'intake_run',
      entityId: String(id),
      details: { records: entries.map((e) => e.recordNo) },
    });
    return entries;
  }

  private async run(
    ctx: AuthedContext,
    results: AsyncIterable<ReadResult> | Iterable<ReadResult>,
    format: 'json' | 'ndjson',
  ): Promise<IntakeRun> {
    const run = await runIntakeFrom(this.store, results, {
      source: `api ${ctx.ip}`,
      format,
      actor: ctx.principal.id,
    });
    this.onRecords(run.accepted, run.quarantined);
    return run;
  }

  private async withQuarantine(run: IntakeRun): Promise<{ run: IntakeRun; quarantined: QuarantineEntry[] }> {
    const quarantined =
      run.quarantined > 0 ? await this.store.quarantine.list({ runId: run.id, limit: QUARANTINE_SHOWN }) : [];
    return { run, quarantined };
  }
}
