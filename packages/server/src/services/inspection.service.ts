import { randomBytes } from 'node:crypto';
import { type InspectionResult, validateRecord } from '@sieve/core';
import {
  type InspectionSearch,
  InspectionSearchRepository,
  type Store,
  type StoredInspection,
} from '@sieve/store';
import { SieveError } from '../errors/index.ts';
import type { AuditService } from './audit.service.ts';
import type { AuthedContext } from './context.ts';
import type { ReferralService } from './referral.service.ts';

/**
 * Inspection results: inspectors record and read their own; other staff read
 * all. A result goes into the store through intake like any feed, so it is
 * stored once and counted in an intake run.
 */
export class InspectionService {
  private readonly search: InspectionSearchRepository;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly referrals: ReferralService,
  ) {
    this.search = new InspectionSearchRepository(store.sql);
  }

  list(ctx: AuthedContext, filter: InspectionSearch, page: { limit: number; offset: number }) {
    const own = ctx.principal.role === 'inspector' ? { inspector: ctx.principal.id } : {};
    return this.search.search({ ...filter, ...own }, page);
  }

  async get(ctx: AuthedContext, id: string): Promise<StoredInspection> {
    const found = await this.search.get(id);
    if (!found || (ctx.principal.role === 'inspector' && found.result.inspector !== ctx.principal.id))
      throw new SieveError('SIEVE_ERR_INSPECTION_NOT_FOUND', `no inspection result "${id}"`);
    return found;
  }

  /**
   * Records a result. An inspector records under their own name (giving
   * another is refused); the id is made up when absent. Field problems
   * answer 400 with every field named.
   */
  async record(ctx: AuthedContext, input: Record<string, unknown>): Promise<InspectionResult> {
    const me = ctx.principal.id;
    if (ctx.principal.role === 'inspector' && input.inspector !== undefined && input.inspector !== me)
      throw new SieveError(
        'SIEVE_ERR_FORBIDDEN',
        `an inspector records results under their own name (${me})`,
      );
    const candidate = { id: newInspectionId(), inspector: me, ...input };
    const v = validateRecord('inspection', candidate);
    if (!v.ok)
      throw new SieveError(
        'SIEVE_ERR_VALIDATION',
        `the inspection result is not valid: ${v.errors.map((e) => e.field).join(', ')}`,
        v.errors.map((e) => ({ in: 'body', ...e })),
      );
    const result = v.value;
    // An inspector records results for the controls assigned to them (or declarations they already inspect).
    const reachable =
      ctx.principal.role !== 'inspector' ||
      (await this.referrals.isAssigned(result.declarationId, me)) ||
      (await this.search.hasInspected(result.declarationId, me));
    if (!reachable || !(await this.store.declarations.get(result.declarationId, result.declarationVersion)))
      throw new SieveError('SIEVE_ERR_DECLARATION_NOT_FOUND', `no declaration "${result.declarationId}"`);
    if (await this.search.get(result.id))
      throw new SieveError(
        'SIEVE_ERR_INSPECTION_EXISTS',
        `an inspection result "${result.id}" is already recorded`,
      );
    const runId = await this.store.intake.startRun({ source: `api ${ctx.ip}`, format: 'json', actor: me });
    const counts = await this.store.intake.writeBatch(runId, [{ kind: 'inspection', value: result }], []);
    await this.store.intake.finishRun(runId, 'completed');
    if (counts.inserted === 0)
      throw new SieveError(
        'SIEVE_ERR_INSPECTION_EXISTS',
        `an inspection result "${result.id}" is already recorded`,
      );
    await this.audit.record(ctx, {
      action: 'inspection.record',
      entity: 'inspection',
      entityId: result.id,
      details: {
        declarationId: result.declarationId,
        outcome: result.outcome,
        findings: result.findings.length,
      },
    });
    return result;
  }
}

/** Time-ordered and unique enough, within the data model's 35 characters: INS-<time base 36>-<48 random bits>. */
function newInspectionId(): string {
  return `INS-${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
}
