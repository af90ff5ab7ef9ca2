import type { Store } from '@sieve/store';
import { z } from 'zod';
import type { AuditService } from './audit.service.ts';
import type { AuthedContext } from './context.ts';

/** What an administrator can change while Sieve runs, with the defaults. */
export const settingsSchema = z.object({
  /** Whether traders see the risk level (lane) of their own declarations, not only their status. */
  traderRiskVisible: z.boolean().default(false),
});
export type Settings = z.infer<typeof settingsSchema>;

/** Run-time settings, read often (cached) and changed rarely (audited). */
export class SettingsService {
  private cached: Settings | undefined;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<Settings> {
    if (!this.cached) {
      const stored = Object.fromEntries((await this.store.settings.all()).map((s) => [s.key, s.value]));
      // A stored value that no longer fits (an older version's) falls back to the default.
      const parsed = settingsSchema.safeParse(stored);
      this.cached = parsed.success ? parsed.data : settingsSchema.parse({});
    }
    return this.cached;
  }

  async update(ctx: AuthedContext, patch: Partial<Settings>, reason?: string): Promise<Settings> {
    const before = await this.get();
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) await this.store.settings.set(key, value, ctx.principal.id);
    }
    this.cached = undefined;
    const after = await this.get();
    await this.audit.record(ctx, {
      action: 'settings.update',
      entity: 'settings',
      reason: reason ?? null,
      details: { before, after },
    });
    return after;
  }
}
