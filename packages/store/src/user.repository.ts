import { isUniqueViolation } from './bulk-insert.ts';
import type { SqlClient } from './sql-client.ts';

/** The roles a person can hold in the workbench (one each). */
export const USER_ROLES = [
  'administrator',
  'risk_analyst',
  'targeting_officer',
  'inspector',
  'supervisor',
  'trader',
] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** An account as shown to people: never its password hash. */
export interface User {
  id: string;
  displayName: string;
  role: UserRole;
  /** For a trader: the party whose declarations they may follow. */
  partyId: string | null;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
  createdBy: string;
  passwordChangedAt: string;
  lastLoginAt: string | null;
}

/** An account with its password hash, for the login check only. */
export interface UserWithSecret extends User {
  passwordHash: string;
}

export interface NewUser {
  id: string;
  displayName: string;
  role: UserRole;
  partyId?: string | null;
  passwordHash: string;
  createdBy: string;
}

export type UserPatch = Partial<Pick<User, 'displayName' | 'role' | 'partyId' | 'disabled'>>;

interface Row {
  id: string;
  display_name: string;
  role: UserRole;
  party_id: string | null;
  password_hash: string;
  disabled: boolean;
  failed_logins: number;
  locked_until: Date | string | null;
  created_at: Date | string;
  created_by: string;
  password_changed_at: Date | string;
  last_login_at: Date | string | null;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

function toUser(r: Row): UserWithSecret {
  return {
    id: r.id,
    displayName: r.display_name,
    role: r.role,
    partyId: r.party_id,
    disabled: r.disabled,
    failedLogins: r.failed_logins,
    lockedUntil: iso(r.locked_until),
    createdAt: iso(r.created_at)!,
    createdBy: r.created_by,
    passwordChangedAt: iso(r.password_changed_at)!,
    lastLoginAt: iso(r.last_login_at),
    passwordHash: r.password_hash,
  };
}

function withoutSecret(u: UserWithSecret): User {
  const { passwordHash: _, ...user } = u;
  return user;
}

/**
 * Accounts of the workbench. Hashing is the caller's job (the server hashes
 * with argon2id); this class stores, finds and counts failed logins.
 *
 * @example await store.users.create({ id: 'ana', displayName: 'Ana', role: 'risk_analyst', passwordHash, createdBy: 'admin' });
 */
export class UserRepository {
  constructor(private readonly sql: SqlClient) {}

  /** Creates an account; throws SIEVE_ERR_USER_EXISTS when the id is taken. */
  async create(u: NewUser): Promise<User> {
    try {
      const [row] = await this.sql.query<Row>(
        `INSERT INTO users (id, display_name, role, party_id, password_hash, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [u.id, u.displayName, u.role, u.partyId ?? null, u.passwordHash, u.createdBy],
      );
      return withoutSecret(toUser(row!));
    } catch (err) {
      if (isUniqueViolation(err)) throw new Error(`SIEVE_ERR_USER_EXISTS: a user "${u.id}" already exists`);
      throw err;
    }
  }

  async get(id: string): Promise<User | undefined> {
    const u = await this.getWithSecret(id);
    return u && withoutSecret(u);
  }

  async getWithSecret(id: string): Promise<UserWithSecret | undefined> {
    const [row] = await this.sql.query<Row>('SELECT * FROM users WHERE id = $1', [id]);
    return row && toUser(row);
  }

  async list(filter: { role?: UserRole } = {}): Promise<User[]> {
    const rows = await this.sql.query<Row>(
      'SELECT * FROM users WHERE ($1::text IS NULL OR role = $1) ORDER BY id',
      [filter.role ?? null],
    );
    return rows.map((r) => withoutSecret(toUser(r)));
  }

  async count(): Promise<number> {
    const [row] = await this.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    return row?.n ?? 0;
  }

  /** Changes the given fields; undefined when there is no such user. */
  async update(id: string, patch: UserPatch): Promise<User | undefined> {
    const [row] = await this.sql.query<Row>(
      `UPDATE users SET display_name = COALESCE($2, display_name), role = COALESCE($3, role),
              party_id = CASE WHEN $4::boolean THEN $5 ELSE party_id END, disabled = COALESCE($6, disabled)
        WHERE id = $1 RETURNING *`,
      [
        id,
        patch.displayName ?? null,
        patch.role ?? null,
        patch.partyId !== undefined,
        patch.partyId ?? null,
        patch.disabled ?? null,
      ],
    );
    return row && withoutSecret(toUser(row));
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<boolean> {
    const rows = await this.sql.query(
      `UPDATE users SET password_hash = $2, password_changed_at = now(), failed_logins = 0, locked_until = NULL
        WHERE id = $1 RETURNING id`,
      [id, passwordHash],
    );
    return rows.length > 0;
  }

  /**
   * Counts one failed login, atomically. At `maxAttempts` in a row the
   * account is locked for `lockSeconds` and the count starts again.
   */
  async recordFailedLogin(
    id: string,
    maxAttempts: number,
    lockSeconds: number,
  ): Promise<{ failedLogins: number; lockedUntil: string | null } | undefined> {
    const [row] = await this.sql.query<{ failed_logins: number; locked_until: Date | string | null }>(
      `UPDATE users
          SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
              locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(secs => $3)
                                  ELSE locked_until END
        WHERE id = $1 RETURNING failed_logins, locked_until`,
      [id, maxAttempts, lockSeconds],
    );
    return row && { failedLogins: row.failed_logins, lockedUntil: iso(row.locked_until) };
  }

  /** A successful login clears the failure count. */
  async recordLogin(id: string): Promise<void> {
    await this.sql.query(
      'UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1',
      [id],
    );
  }

  async unlock(id: string): Promise<boolean> {
    const rows = await this.sql.query(
      'UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1 RETURNING id',
      [id],
    );
    return rows.length > 0;
  }
}
