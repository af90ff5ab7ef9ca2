import type { SqlClient } from './sql-client.ts';
import type { UserRole } from './user.repository.ts';

/** A live session with what authorisation needs to know about its user, in one look-up. */
export interface SessionPrincipal {
  userId: string;
  displayName: string;
  role: UserRole;
  partyId: string | null;
  expiresAt: string;
}

export interface NewSession {
  /** SHA-256 of the bearer token, hex: the token itself is never stored. */
  tokenSha256: string;
  userId: string;
  expiresAt: Date;
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * Login sessions, keyed by the digest of their bearer token. A session is
 * live while it is neither expired nor revoked and its user is not disabled.
 */
export class SessionRepository {
  constructor(private readonly sql: SqlClient) {}

  async create(s: NewSession): Promise<void> {
    await this.sql.query(
      `INSERT INTO sessions (token_sha256, user_id, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5)`,
      [s.tokenSha256, s.userId, s.expiresAt.toISOString(), s.ip ?? null, s.userAgent ?? null],
    );
  }

  /** The principal of a live session, or undefined. */
  async findLive(tokenSha256: string): Promise<SessionPrincipal | undefined> {
    const [row] = await this.sql.query<{
      user_id: string;
      display_name: string;
      role: UserRole;
      party_id: string | null;
      expires_at: Date | string;
    }>(
      `SELECT s.user_id, u.display_name, u.role, u.party_id, s.expires_at
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_sha256 = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND NOT u.disabled`,
      [tokenSha256],
    );
    return (
      row && {
        userId: row.user_id,
        displayName: row.display_name,
        role: row.role,
        partyId: row.party_id,
        expiresAt: new Date(row.expires_at).toISOString(),
      }
    );
  }

  async revoke(tokenSha256: string): Promise<void> {
    await this.sql.query(
      'UPDATE sessions SET revoked_at = now() WHERE token_sha256 = $1 AND revoked_at IS NULL',
      [tokenSha256],
    );
  }

  /** Ends every session of a user (password change, disabling, role change), but `except` if given. */
  async revokeAllOf(userId: string, except?: string): Promise<number> {
    const rows = await this.sql.query(
      `UPDATE sessions SET revoked_at = now()
        WHERE user_id = $1 AND revoked_at IS NULL AND token_sha256 IS DISTINCT FROM $2 RETURNING 1`,
      [userId, except ?? null],
    );
    return rows.length;
  }

  /** Forgets sessions that ended more than `olderThanDays` ago. */
  async prune(olderThanDays = 30): Promise<number> {
    const rows = await this.sql.query(
      `DELETE FROM sessions WHERE COALESCE(revoked_at, expires_at) < now() - make_interval(days => $1)
       RETURNING 1`,
      [olderThanDays],
    );
    return rows.length;
  }
}
