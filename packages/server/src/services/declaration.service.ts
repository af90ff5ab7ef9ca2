import type { Declaration, InspectionResult } from '@sieve/core';
import {
  type DeclarationPage,
  type DeclarationSearch,
  DeclarationSearchRepository,
  InspectionSearchRepository,
  type Store,
} from '@sieve/store';
import { SieveError } from '../errors/index.ts';
import type { AuditService } from './audit.service.ts';
import type { AuthedContext } from './context.ts';
import type { ReferralService } from './referral.service.ts';
import type { SettingsService } from './settings.service.ts';

/** A declaration as the workbench shows it. */
export interface DeclarationView {
  declaration: Declaration;
  versions: number[];
  inspections: InspectionResult[];
}

/** Where a declaration stands, as its trader may see it. */
export interface DeclarationStatus {
  id: string;
  version: number;
  office: string;
  lodgedAt: string;
  status: TraderStatus;
  /** The control lane, only where the administration lets traders see it (and once assessed). */
  riskLevel?: string | null;
}

/**
 * What a trader is told: received (not decided yet), released (green or
 * blue), under control (red or yellow, not inspected yet), inspected.
 */
export const TRADER_STATUSES = ['received', 'released', 'under_control', 'inspected'] as const;
export type TraderStatus = (typeof TRADER_STATUSES)[number];

/**
 * Declarations for staff (search, the full page) and for traders (the
 * status of their own). Every view of one declaration is audited.
 */
export class DeclarationService {
  private readonly search: DeclarationSearchRepository;
  private readonly inspectionSearch: InspectionSearchRepository;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly settings: SettingsService,
    private readonly referrals: ReferralService,
  ) {
    this.search = new DeclarationSearchRepository(store.sql);
    this.inspectionSearch = new InspectionSearchRepository(store.sql);
  }

  list(filter: DeclarationSearch, page: { limit: number; cursor?: string | null }): Promise<DeclarationPage> {
    return this.search.search(filter, page);
  }

  /** The full declaration; an inspector sees only those they inspect. Audited. */
  async view(ctx: AuthedContext, id: string, version?: number): Promise<DeclarationView> {
    await this.checkReach(ctx, id);
    const declaration = await this.store.declarations.get(id, version);
    if (!declaration) throw notFound(id, version);
    const [versions, inspections] = await Promise.all([
      this.search.versions(id),
      this.store.declarations.inspections(id),
    ]);
    await this.audit.record(ctx, {
      action: 'declaration.view',
      entity: 'declaration',
      entityId: id,
      details: { version: declaration.version },
    });
    return { declaration, versions, inspections };
  }

  async inspections(ctx: AuthedContext, id: string): Promise<InspectionResult[]> {
    await this.checkReach(ctx, id);
    if ((await this.search.versions(id)).length === 0) throw notFound(id);
    const all = await this.store.declarations.inspections(id);
    return ctx.principal.role === 'inspector' ? all.filter((r) => r.inspector === ctx.principal.id) : all;
  }

  /** A trader's own declarations, newest first, status only. */
  async forTrader(ctx: AuthedContext, page: { limit: number; cursor?: string | null }) {
    const partyId = traderParty(ctx);
    const found = await this.search.search({ partyId }, page);
    // One query for the lanes of the whole page, not one per declaration.
    const lanes = await this.search.lanesInForce(found.items.map((d) => d.id));
    const riskVisible = (await this.settings.get()).traderRiskVisible;
    const items = found.items.map((d) =>
      statusOf(d, standing(lanes.get(d.id) ?? null, d.inspections > 0), riskVisible),
    );
    return { items, nextCursor: found.nextCursor };
  }

  /** The status of one of a trader's own declarations; someone else's is "not found". Audited. */
  async statusForTrader(ctx: AuthedContext, id: string): Promise<DeclarationStatus> {
    const partyId = traderParty(ctx);
    if (!(await this.search.involves(id, partyId))) throw notFound(id);
    const d = await this.store.declarations.get(id);
    if (!d) throw notFound(id);
    const inspected = (await this.store.declarations.inspections(id)).length > 0;
    const lane = (await this.search.lanesInForce([id])).get(id) ?? null;
    const riskVisible = (await this.settings.get()).traderRiskVisible;
    await this.audit.record(ctx, {
      action: 'declaration.status_view',
      entity: 'declaration',
      entityId: id,
      details: { version: d.version },
    });
    return statusOf(d, standing(lane, inspected), riskVisible);
  }

  /** Inspectors reach the declarations assigned to them or that they have inspected; other staff roles reach all. */
  private async checkReach(ctx: AuthedContext, id: string): Promise<void> {
    if (ctx.principal.role !== 'inspector') return;
    const me = ctx.principal.id;
    if (await this.referrals.isAssigned(id, me)) return;
    if (!(await this.inspectionSearch.hasInspected(id, me))) throw notFound(id);
  }
}

/** What the lane in force (the officer's decision, else the assessment's) means for the trader. */
function standing(lane: string | null, inspected: boolean): { status: TraderStatus; lane: string | null } {
  if (inspected) return { status: 'inspected', lane };
  if (lane === null) return { status: 'received', lane };
  return { status: lane === 'red' || lane === 'yellow' ? 'under_control' : 'released', lane };
}

function traderParty(ctx: AuthedContext): string {
  const p = ctx.principal;
  if (p.kind !== 'user' || !p.partyId) throw new SieveError('SIEVE_ERR_FORBIDDEN', 'not a trader account');
  return p.partyId;
}

function notFound(id: string, version?: number): SieveError {
  return new SieveError(
    'SIEVE_ERR_DECLARATION_NOT_FOUND',
    version ? `no version ${version} of declaration "${id}"` : `no declaration "${id}"`,
  );
}

/** What a trader sees of one declaration: its status, and its lane where the administration shows it. */
function statusOf(
  d: { id: string; version: number; office: string; lodgedAt: string },
  { status, lane }: { status: TraderStatus; lane: string | null },
  riskVisible: boolean,
): DeclarationStatus {
  return {
    id: d.id,
    version: d.version,
    office: d.office,
    // As the list has it from the column: the declaration's own text may write the same instant otherwise.
    lodgedAt: new Date(d.lodgedAt).toISOString(),
    status,
    ...(riskVisible ? { riskLevel: lane } : {}),
  };
}
