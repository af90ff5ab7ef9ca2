import type { Store, User, UserPatch, UserRole } from '@sieve/store';
import type { ServerConfig } from '../config/config.ts';
import { SieveError } from '../errors/index.ts';
import type { AuditService } from './audit.service.ts';
import type { AuthService } from './auth.service.ts';
import type { AuthedContext } from './context.ts';
import type { PasswordHasher } from './secrets.ts';

export interface NewAccount {
  id: string;
  displayName: string;
  role: UserRole;
  partyId?: string | null;
  password: string;
}

/** Accounts: created, changed, unlocked and reset by administrators; every change audited. */
export class UserService {
  constructor(
    private readonly store: Store,
    private readonly config: ServerConfig,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  list(filter: { role?: UserRole } = {}): Promise<User[]> {
    return this.store.users.list(filter);
  }

  async get(id: string): Promise<User> {
    const u = await this.store.users.get(id);
    if (!u) throw new SieveError('SIEVE_ERR_USER_NOT_FOUND', `no user "${id}"`);
    return u;
  }

  async create(ctx: AuthedContext, a: NewAccount): Promise<User> {
    this.checkPassword(a.id, a.password);
    checkParty(a.role, a.partyId);
    const user = await this.store.users.create({
      id: a.id,
      displayName: a.displayName,
      role: a.role,
      partyId: a.partyId ?? null,
      passwordHash: await this.hasher.hash(a.password),
      createdBy: ctx.principal.id,
    });
    await this.audit.record(ctx, {
      action: 'user.create',
      entity: 'user',
      entityId: user.id,
      details: { role: user.role, partyId: user.partyId },
    });
    return user;
  }

  /** Changes role, name, party or disabled; a change of role or disabling ends the user's sessions. */
  async update(ctx: AuthedContext, id: string, patch: UserPatch): Promise<User> {
    const before = await this.get(id);
    const role = patch.role ?? before.role;
    const partyId = patch.partyId !== undefined ? patch.partyId : role === 'trader' ? before.partyId : null;
    checkParty(role, partyId);
    const after = await this.store.users.update(id, { ...patch, partyId });
    if (!after) throw new SieveError('SIEVE_ERR_USER_NOT_FOUND', `no user "${id}"`);
    if (
      after.role !== before.role ||
      (after.disabled && !before.disabled) ||
      after.partyId !== before.partyId
    ) {
      await this.store.sessions.revokeAllOf(id);
      this.auth.forgetCached();
    }
    await this.audit.record(ctx, {
      action: 'user.update',
      entity: 'user',
      entityId: id,
      details: { before: pick(before, patch), after: pick(after, patch) },
    });
    return after;
  }

  async resetPassword(ctx: AuthedContext, id: string, password: string): Promise<void> {
    await this.get(id);
    this.checkPassword(id, password);
    await this.store.users.setPasswordHash(id, await this.hasher.hash(password));
    await this.store.sessions.revokeAllOf(id);
    this.auth.forgetCached();
    await this.audit.record(ctx, { action: 'user.password_reset', entity: 'user', entityId: id });
  }

  /** A user changes their own password; their other sessions end. */
  async changeOwnPassword(ctx: AuthedContext, current: string, next: string): Promise<void> {
    const p = ctx.principal;
    if (p.kind !== 'user') throw new SieveError('SIEVE_ERR_FORBIDDEN', 'API tokens have no password');
    const user = await this.store.users.getWithSecret(p.id);
    if (!user || !(await this.hasher.verify(user.passwordHash, current))) {
      await this.audit.record(ctx, {
        action: 'user.password_change_refused',
        entity: 'user',
        entityId: p.id,
      });
      throw new SieveError('SIEVE_ERR_WRONG_PASSWORD');
    }
    this.checkPassword(p.id, next);
    await this.store.users.setPasswordHash(p.id, await this.hasher.hash(next));
    await this.store.sessions.revokeAllOf(p.id, p.sessionSha256);
    this.auth.forgetCached();
    await this.audit.record(ctx, { action: 'user.password_change', entity: 'user', entityId: p.id });
  }

  async unlock(ctx: AuthedContext, id: string): Promise<User> {
    if (!(await this.store.users.unlock(id)))
      throw new SieveError('SIEVE_ERR_USER_NOT_FOUND', `no user "${id}"`);
    await this.audit.record(ctx, { action: 'user.unlock', entity: 'user', entityId: id });
    return this.get(id);
  }

  private checkPassword(userId: string, password: string): void {
    const min = this.config.passwordMinLength;
    if (password.length < min)
      throw new SieveError('SIEVE_ERR_WEAK_PASSWORD', `the password must have at least ${min} characters`, [
        { in: 'body', field: 'password', expected: `at least ${min} characters` },
      ]);
    if (password.toLowerCase().includes(userId.toLowerCase()))
      throw new SieveError('SIEVE_ERR_WEAK_PASSWORD', 'the password must not contain the user id', [
        { in: 'body', field: 'password', expected: 'a password that does not contain the user id' },
      ]);
  }
}

function checkParty(role: UserRole, partyId: string | null | undefined): void {
  if (role === 'trader' && !partyId)
    throw new SieveError('SIEVE_ERR_VALIDATION', 'a trader account needs the party id it acts for', [
      {
        in: 'body',
        field: 'partyId',
        expected: 'the id of the party (declarant or importer) this trader is',
      },
    ]);
  if (role !== 'trader' && partyId)
    throw new SieveError('SIEVE_ERR_VALIDATION', 'only trader accounts have a party', [
      { in: 'body', field: 'partyId', expected: 'no party for this role' },
    ]);
}

function pick(u: User, patch: UserPatch): Partial<User> {
  return Object.fromEntries(Object.keys(patch).map((k) => [k, u[k as keyof User]]));
}
