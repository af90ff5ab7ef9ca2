import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { RecordKind } from '@sieve/core';
import { parseJsonRecord, type ReadResult } from '@sieve/ingest';
import { runIntakeFrom } from '@sieve/pipeline';
import type { IntakeRun, QuarantineEntry, Store } from '@sieve/store';
import { SieveError } from '../errors/index.ts';
import type { AuditService } from './audit.service.ts';
import type { AuthedContext } from './context.ts';

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
  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly onRecords: (accepted: number, quarantined: number) => void = () => {},
  ) {}

  /**
   * One record. Accepted (new or already stored) answers with the run; a
   * record that does not validate is quarantined and answered with
   * SIEVE_ERR_RECORD_QUARANTINED and every field problem.
   */
  async one(ctx: AuthedContext, body: unknown, kind: RecordKind): Promise<SingleIntake> {
    const result = parseJsonRecord(1, JSON.stringify(body), kind);
    const run = await this.run(ctx, [result], 'json');
    if (!result.ok) {
      throw new SieveError(
        'SIEVE_ERR_RECORD_QUARANTINED',
        `the ${result.kind ?? kind} was quarantined in intake run ${run.id}: ${result.errors.length} problem(s)`,
        { runId: run.id, errors: result.errors },
      );
    }
    return { runId: run.id, outcome: run.inserted > 0 ? 'accepted' : 'duplicate' };
  }

  /** A JSON array, already parsed. */
  async array(ctx: AuthedContext, records: readonly unknown[], kind: RecordKind) {
    const results = records.map((r, i) => parseJsonRecord(i + 1, JSON.stringify(r), kind));
    return this.withQuarantine(await this.run(ctx, results, 'json'));
  }

  /** NDJSON, read line by line from the request as it arrives (memory stays flat). */
  async ndjson(ctx: AuthedContext, body: Readable, kind: RecordKind) {
    const lines = createInterface({ input: body, crlfDelay: Number.POSITIVE_INFINITY });
    async function* results(): AsyncGenerator<ReadResult> {
      let recordNo = 0;
      for await (const line of lines) {
        if (line.trim() === '') continue;
        yield parseJsonRecord(++recordNo, line, kind);
      }
    }
    return this.withQuarantine(await this.run(ctx, results(), 'ndjson'));
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
