import type { Lane } from '@sieve/core/ensemble';
import {
  type Assessment,
  explainAssessment,
  type ModelVerdict,
  type WatchlistHitRecord,
} from '@sieve/core/scoring';
import {
  type QueueFilter,
  type Referral,
  type ReferralDecision,
  ReferralRepository,
  type Store,
} from '@sieve/store';
import { SieveError } from '../errors/index.ts';
import type { AuditService } from './audit.service.ts';
import type { AuthedContext } from './context.ts';

/** One line of the referral queue. */
export interface QueueItem {
  declarationId: string;
  declarationVersion: number;
  office: string;
  lodgedAt: string;
  score: number;
  points: number;
  lane: Lane;
  riskLane: Lane;
  selectedBy: 'random' | 'risk' | 'none';
  categories: string[];
  reasons: string[];
  importerName: string | null;
  dispatchCountry: string | null;
  customsValue: number | null;
  currency: string;
  decision: ReferralDecision | null;
}

/** The declaration page's explanation: the assessment and its sentences. */
export interface AssessmentView {
  assessment: Assessment;
  explanation: string[];
  /** Watchlist hits: the party screened, the entry, the name or alias that matched and why (empty when none, or when no list was active). */
  watchlistHits: readonly WatchlistHitRecord[];
  /** The model's probability and reasons, or null when no model was active for this assessment. */
  model: ModelVerdict | null;
}

export interface Decide {
  declarationVersion: number;
  lane: Lane;
  reason: string;
  assignTo?: string;
}

/**
 * The targeting officer's work: the queue of referrals ranked by risk, the
 * explanation of an assessment, and decisions (audited, never changed: a
 * new decision supersedes the last). Inspectors see the controls assigned to
 * them.
 */
export class ReferralService {
  private readonly referrals: ReferralRepository;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
  ) {
    this.referrals = new ReferralRepository(store.sql);
  }

  async queue(filter: QueueFilter, page: { limit: number; offset: number }) {
    const rows = await this.referrals.queue(filter, { limit: page.limit + 1, offset: page.offset });
    return {
      items: rows.slice(0, page.limit).map(toQueueItem),
      nextCursor: rows.length > page.limit ? String(page.offset + page.limit) : null,
    };
  }

  /** The latest assessment of a declaration with its explanation; audited as a view. */
  async assessment(ctx: AuthedContext, declarationId: string): Promise<AssessmentView> {
    const assessment = await this.store.assessments.get(declarationId);
    if (!assessment)
      throw new SieveError(
        'SIEVE_ERR_ASSESSMENT_NOT_FOUND',
        `declaration "${declarationId}" has not been assessed yet`,
      );
    await this.audit.record(ctx, {
      action: 'assessment.view',
      entity: 'declaration',
      entityId: declarationId,
      details: { version: assessment.declarationVersion, snapshot: assessment.snapshotKey },
    });
    return {
      assessment,
      explanation: explainAssessment(assessment),
      watchlistHits: assessment.watchlist?.hits ?? [],
      model: assessment.model ?? null,
    };
  }

  async decisions(ctx: AuthedContext, declarationId: string): Promise<ReferralDecision[]> {
    if (
      ctx.principal.role === 'inspector' &&
      !(await this.referrals.isAssigned(declarationId, ctx.principal.id))
    )
      throw new SieveError('SIEVE_ERR_DECLARATION_NOT_FOUND', `no declaration "${declarationId}"`);
    return this.referrals.decisions(declarationId);
  }

  /** Records an officer's decision on a referral, with the assessment it answers; audited. */
  async decide(ctx: AuthedContext, declarationId: string, d: Decide): Promise<ReferralDecision> {
    const declaration = await this.store.declarations.get(declarationId, d.declarationVersion);
    if (!declaration)
      throw new SieveError(
        'SIEVE_ERR_DECLARATION_NOT_FOUND',
        `no version ${d.declarationVersion} of declaration "${declarationId}"`,
      );
    if (d.assignTo) await this.checkInspector(d.assignTo, d.lane);
    const assessment = await this.store.assessments.get(declarationId, { version: d.declarationVersion });
    const decision = await this.referrals.decide({
      declarationId,
      declarationVersion: d.declarationVersion,
      snapshot: assessment?.snapshotKey ?? null,
      assessedLane: assessment?.lane ?? null,
      lane: d.lane,
      reason: d.reason,
      decidedBy: ctx.principal.id,
      assignedTo: d.assignTo ?? null,
    });
    await this.audit.record(ctx, {
      action: 'decision.record',
      entity: 'declaration',
      entityId: declarationId,
      reason: d.reason,
      details: {
        decision: decision.id,
        version: d.declarationVersion,
        lane: d.lane,
        assessedLane: decision.assessedLane,
        snapshot: decision.snapshot,
        assignedTo: decision.assignedTo,
        supersedes: decision.supersedes,
      },
    });
    return decision;
  }

  /** The controls assigned to the calling inspector. */
  async tasks(ctx: AuthedContext) {
    const rows = await this.referrals.tasks(ctx.principal.id);
    return rows.map((t) => ({
      declarationId: t.decision.declarationId,
      declarationVersion: t.decision.declarationVersion,
      office: t.office,
      lodgedAt: t.lodgedAt,
      lane: t.decision.lane,
      decidedAt: t.decision.decidedAt,
      decidedBy: t.decision.decidedBy,
      reason: t.decision.reason,
      importerName: t.importerName,
      resultId: t.resultId,
    }));
  }

  isAssigned(declarationId: string, inspector: string): Promise<boolean> {
    return this.referrals.isAssigned(declarationId, inspector);
  }

  latestDecision(declarationId: string): Promise<ReferralDecision | undefined> {
    return this.referrals.latestDecision(declarationId);
  }

  private async checkInspector(userId: string, lane: Lane): Promise<void> {
    const problem = (expected: string) =>
      new SieveError('SIEVE_ERR_VALIDATION', `assignTo: expected ${expected}`, [
        { in: 'body', field: 'assignTo', value: userId, expected },
      ]);
    if (lane !== 'red' && lane !== 'yellow')
      throw problem('no inspector: only red and yellow lanes are controlled');
    const user = await this.store.users.get(userId);
    if (user?.role !== 'inspector' || user.disabled) throw problem('the id of an active inspector');
  }
}

function toQueueItem(r: Referral): QueueItem {
  const a = r.assessment;
  return {
    declarationId: a.declarationId,
    declarationVersion: a.declarationVersion,
    office: a.office,
    lodgedAt: a.lodgedAt,
    score: Math.round(r.score * 1e4) / 1e4,
    points: a.points,
    lane: a.lane,
    riskLane: a.riskLane,
    selectedBy: a.selectedBy,
    categories: a.categories.filter((c) => c.points > 0).map((c) => c.category),
    reasons: explainAssessment(a).slice(0, 3),
    importerName: r.importerName,
    dispatchCountry: r.dispatchCountry,
    customsValue: r.customsValue,
    currency: r.currency,
    decision: r.decision,
  };
}
