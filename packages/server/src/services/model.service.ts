import type { Store } from '@sieve/store';
import { ModelRepository, type ModelVersion } from '@sieve/store/model';
import { SieveError } from '../errors/index.ts';
import type { AuditService } from './audit.service.ts';
import type { AuthedContext } from './context.ts';

/**
 * The model registry for risk analysts: the versions with their metrics and
 * training period, and activation (one active at a time) with a reason. The
 * registry audits each activation itself; the server adds where it came from.
 * Models are trained and registered with `sieve model train`.
 */
export class ModelService {
  private readonly models: ModelRepository;

  constructor(
    store: Store,
    private readonly audit: AuditService,
    /** Called after an activation, so that assessments use the new model at once. */
    private readonly onActivate: () => void = () => {},
  ) {
    this.models = new ModelRepository(store.sql);
  }

  list(): Promise<ModelVersion[]> {
    return this.models.list();
  }

  async activate(ctx: AuthedContext, id: number, reason: string): Promise<ModelVersion> {
    if (!(await this.models.list({ id })).length)
      throw new SieveError('SIEVE_ERR_MODEL_NOT_FOUND', `no model version ${id}`);
    const v = await this.models.activate(id, ctx.principal.id, reason);
    await this.audit.record(ctx, {
      action: 'request.origin',
      entity: 'model',
      entityId: String(id),
      details: { for: 'model.activate' },
    });
    this.onActivate();
    return v;
  }
}
