import type { Store, User } from '@sieve/store';
import type { Principal } from '../auth/roles.ts';
import type { ServerConfig } from '../config/config.ts';
import { SieveError } from '../errors/index.ts';
import type { AuditService } from './audit.service.ts';
import type { AuthedContext, RequestContext } from './context.ts';
import { API_TOKEN_PREFIX, digest, newToken, type PasswordHasher, SESSION_PREFIX } from './secrets.ts';

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: User;
}

interface Cached {
  principal: Principal | null;
  until: number;
}

/** A session or token cache bounded in size: beyond it the oldest entries go. */
const CACHE_LIMIT = 10_000;

/**
 * Logins, sessions and API tokens. Sessions and tokens are opaque random
 * bearer tokens kept in the database as digests, so logging out, disabling a
 * user or revoking a token takes effect at once (within the few seconds a
 * checked token is cached in this process, SIEVE_AUTH_CACHE_SECONDS; changes
 * made through this process clear the cache immediately).
 */
export class AuthService {
  private readonly cache = new Map<string, Cached>();
  /**
   * Look-ups under way, by token digest. A look-up's answer is cached only if
   * it is still here when it ends: {@link forgetCached} takes out the ones
   * that may have read a row from before a change.
   */
  private readonly inflight = new Map<string, Promise<Principal | undefined>>();
  private readonly tokenTouched = new Map<number, number>();

  constructor(
    private readonly store: Store,
    private readonly config: ServerConfig,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly onLogin: (outcome: 'ok' | 'failed' | 'locked') => void = () => {},
    /** The time the token cache goes by (tests move it). */
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Checks a user name and password. Wrong or unknown gives the same answer
   * (and takes the same time); SIEVE_LOCKOUT_ATTEMPTS failures in a row lock
   * the account for SIEVE_LOCKOUT_MINUTES. Every attempt is audited.
   */
  async login(ctx: RequestContext, username: string, password: string): Promise<LoginResult> {
    // Attempts are recorded under the name tried: that is what a supervisor looks for.
    const as = username.slice(0, 200);
    const user = await this.store.users.getWithSecret(username);
    if (!user || user.disabled) {
      await this.hasher.verifyNobody(password);
      await this.audit.record(ctx, {
        action: 'auth.login_failed',
        actor: as,
        entity: 'user',
        entityId: username,
        details: { why: user ? 'disabled' : 'unknown user' },
      });
      this.onLogin('failed');
      throw new SieveError('SIEVE_ERR_BAD_CREDENTIALS');
    }
    if (user.lockedUntil && Date.parse(user.lockedUntil) > Date.now()) {
      await this.audit.record(ctx, {
        action: 'auth.login_refused',
        actor: as,
        entity: 'user',
        entityId: username,
        details: { lockedUntil: user.lockedUntil },
      });
      this.onLogin('locked');
      throw locked(user.lockedUntil);
    }
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      const after = await this.store.users.recordFailedLogin(
        user.id,
        this.config.lockoutAttempts,
        this.config.lockoutMinutes * 60,
      );
      const nowLocked = after?.lockedUntil && Date.parse(after.lockedUntil) > Date.now();
      await this.audit.record(ctx, {
        action: nowLocked ? 'auth.lockout' : 'auth.login_failed',
        actor: as,
        entity: 'user',
        entityId: user.id,
        details: nowLocked ? { lockedUntil: after.lockedUntil } : { why: 'wrong password' },
      });
      this.onLogin(nowLocked ? 'locked' : 'failed');
      if (nowLocked) throw locked(after.lockedUntil!);
      throw new SieveError('SIEVE_ERR_BAD_CREDENTIALS');
    }
    await this.store.users.recordLogin(user.id);
    const token = newToken(SESSION_PREFIX);
    const expiresAt = new Date(Date.now() + this.config.sessionHours * 3_600_000);
    await this.store.sessions.create({
      tokenSha256: digest(token),
      userId: user.id,
      expiresAt,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
    await this.audit.record(ctx, { action: 'auth.login', actor: user.id, entity: 'user', entityId: user.id });
    this.onLogin('ok');
    const { passwordHash: _, ...shown } = user;
    return { token, expiresAt: expiresAt.toISOString(), user: shown };
  }

  async logout(ctx: AuthedContext): Promise<void> {
    if (ctx.principal.kind !== 'user') return;
    await this.store.sessions.revoke(ctx.principal.sessionSha256);
    this.forgetCached(ctx.principal.sessionSha256);
    await this.audit.record(ctx, { action: 'auth.logout', entity: 'user', entityId: ctx.principal.id });
  }

  /**
   * The principal behind a bearer token, or undefined when it is unknown,
   * expired or revoked. With the cache on, the requests that find no live
   * entry for a token share one database look-up, and a token in use is
   * looked up again in the background in the last fifth of its entry's time
   * (at most a second before the end), so a feed sending steadily never waits
   * for the database when the entry runs out. Before, every request arriving
   * while the entry was looked up again asked on its own: at 1,000 requests/s
   * (bench:api) the pool opened new database connections for them every five
   * seconds, and those requests waited for the connections. An entry is still
   * never trusted beyond SIEVE_AUTH_CACHE_SECONDS after the look-up that made
   * it began.
   */
  async authenticate(token: string): Promise<Principal | undefined> {
    if (!token.startsWith(SESSION_PREFIX) && !token.startsWith(API_TOKEN_PREFIX)) return undefined;
    const key = digest(token);
    if (this.config.authCacheSeconds <= 0) return this.principalOf(key, token, this.now());
    const now = this.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) {
      const ahead = Math.min(1000, this.config.authCacheSeconds * 200);
      // A failed renewal is not reported here: the entry runs out and the next request's own look-up fails.
      if (hit.until - now <= ahead && !this.inflight.has(key)) this.lookUp(key, token).catch(() => {});
      return hit.principal ?? undefined;
    }
    return this.inflight.get(key) ?? this.lookUp(key, token);
  }

  /** Forget one checked token, or every one: after a change to users or tokens. */
  forgetCached(key?: string): void {
    // A look-up already under way may have read the row before the change: its answer is not kept,
    // and requests from now on do not join it.
    if (key === undefined) {
      this.cache.clear();
      this.inflight.clear();
    } else {
      this.cache.delete(key);
      this.inflight.delete(key);
    }
  }

  /** One look-up of a token, shared by whoever asks while it runs, cached unless forgotten meanwhile. */
  private lookUp(key: string, token: string): Promise<Principal | undefined> {
    const began = this.now();
    const looking = this.principalOf(key, token, began)
      .then((principal) => {
        if (this.inflight.get(key) === looking) {
          this.cache.delete(key); // a renewed entry goes to the back: the oldest is forgotten first
          if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
          this.cache.set(key, {
            principal: principal ?? null,
            until: began + this.config.authCacheSeconds * 1000,
          });
        }
        return principal;
      })
      .finally(() => {
        if (this.inflight.get(key) === looking) this.inflight.delete(key);
      });
    this.inflight.set(key, looking);
    return looking;
  }

  private principalOf(key: string, token: string, now: number): Promise<Principal | undefined> {
    return token.startsWith(SESSION_PREFIX) ? this.sessionPrincipal(key) : this.tokenPrincipal(key, now);
  }

  private async sessionPrincipal(key: string): Promise<Principal | undefined> {
    const s = await this.store.sessions.findLive(key);
    return (
      s && {
        kind: 'user',
        id: s.userId,
        displayName: s.displayName,
        role: s.role,
        partyId: s.partyId,
        sessionSha256: key,
      }
    );
  }

  private async tokenPrincipal(key: string, now: number): Promise<Principal | undefined> {
    const t = await this.store.apiTokens.findLive(key);
    if (!t) return undefined;
    // Note use at most once a minute: a feed sending thousands of records must not write on each.
    if ((this.tokenTouched.get(t.id) ?? 0) < now - 60_000) {
      this.tokenTouched.set(t.id, now);
      await this.store.apiTokens.touch(t.id);
    }
    return { kind: 'token', id: `token:${t.name}`, displayName: t.name, role: 'system', tokenId: t.id };
  }
}

function locked(until: string): SieveError {
  const seconds = Math.max(1, Math.ceil((Date.parse(until) - Date.now()) / 1000));
  return new SieveError(
    'SIEVE_ERR_ACCOUNT_LOCKED',
    `too many failed logins: try again after ${until}, or ask an administrator to unlock the account`,
    { lockedUntil: until },
    { 'retry-after': String(seconds) },
  );
}
