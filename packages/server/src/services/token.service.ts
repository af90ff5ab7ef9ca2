import type { ApiToken, ApiTokenScope, Store } from '@sieve/store';
import { SieveError } from '../errors/index.ts';
import type { AuditService } from './audit.service.ts';
import type { AuthService } from './auth.service.ts';
import type { AuthedContext } from './context.ts';
import { API_TOKEN_PREFIX, digest, newToken } from './secrets.ts';

/** API tokens for feeding systems. The token is shown once, at creation; Sieve keeps only its digest. */
export class TokenService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  list(): Promise<ApiToken[]> {
    return this.store.apiTokens.list();
  }

  async create(
    ctx: AuthedContext,
    t: { name: string; scope: ApiTokenScope; expiresInDays?: number },
  ): Promise<{ token: string; apiToken: ApiToken }> {
    const token = newToken(API_TOKEN_PREFIX);
    const apiToken = await this.store.apiTokens.create({
      name: t.name,
      tokenSha256: digest(token),
      scope: t.scope,
      createdBy: ctx.principal.id,
      expiresAt: t.expiresInDays ? new Date(Date.now() + t.expiresInDays * 86_400_000) : null,
    });
    await this.audit.record(ctx, {
      action: 'token.create',
      entity: 'api_token',
      entityId: String(apiToken.id),
      details: { name: t.name, scope: t.scope, expiresAt: apiToken.expiresAt },
    });
    return { token, apiToken };
  }

  async revoke(ctx: AuthedContext, id: number, reason?: string): Promise<ApiToken> {
    const t = await this.store.apiTokens.revoke(id, ctx.principal.id);
    if (!t) throw new SieveError('SIEVE_ERR_TOKEN_NOT_FOUND', `no live API token ${id}`);
    this.auth.forgetCached();
    await this.audit.record(ctx, {
      action: 'token.revoke',
      entity: 'api_token',
      entityId: String(id),
      reason: reason ?? null,
      details: { name: t.name },
    });
    return t;
  }
}
