import { isUniqueViolation } from './bulk-insert.ts';
import type { SqlClient } from './sql-client.ts';

/** What an API token may do. Only system-to-system intake today. */
export const API_TOKEN_SCOPES = ['intake'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** An API token as listed: never the token itself. */
export interface ApiToken {
  id: number;
  name: string;
  scope: ApiTokenScope;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

interface Row {
  id: number | string;
  name: string;
  scope: ApiTokenScope;
  created_at: Date | string;
  created_by: string;
  expires_at: Date | string | null;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
  revoked_by: string | null;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
const COLUMNS = 'id, name, scope, created_at, created_by, expires_at, last_used_at, revoked_at, revoked_by';

function toToken(r: Row): ApiToken {
  return {
    id: Number(r.id),
    name: r.name,
    scope: r.scope,
    createdAt: iso(r.created_at)!,
    createdBy: r.created_by,
    expiresAt: iso(r.expires_at),
    lastUsedAt: iso(r.last_used_at),
    revokedAt: iso(r.revoked_at),
    revokedBy: r.revoked_by,
  };
}

/**
 * Tokens for systems that feed Sieve (a customs declaration system, a port
 * community system), stored as the SHA-256 of the token.
 */
export class ApiTokenRepository {
  constructor(private readonly sql: SqlClient) {}

  /** Throws SIEVE_ERR_TOKEN_EXISTS when the name is taken. */
  async create(t: {
    name: string;
    tokenSha256: string;
    scope: ApiTokenScope;
    createdBy: string;
    expiresAt?: Date | null;
  }): Promise<ApiToken> {
    try {
      const [row] = await this.sql.query<Row>(
        `INSERT INTO api_tokens (name, token_sha256, scope, created_by, expires_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
        [t.name, t.tokenSha256, t.scope, t.createdBy, t.expiresAt?.toISOString() ?? null],
      );
      return toToken(row!);
    } catch (err) {
      if (isUniqueViolation(err))
        throw new Error(`SIEVE_ERR_TOKEN_EXISTS: an API token named "${t.name}" already exists`);
      throw err;
    }
  }

  /** The token with this digest if it is neither revoked nor expired. */
  async findLive(tokenSha256: string): Promise<ApiToken | undefined> {
    const [row] = await this.sql.query<Row>(
      `SELECT ${COLUMNS} FROM api_tokens
        WHERE token_sha256 = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [tokenSha256],
    );
    return row && toToken(row);
  }

  async list(): Promise<ApiToken[]> {
    const rows = await this.sql.query<Row>(`SELECT ${COLUMNS} FROM api_tokens ORDER BY id`);
    return rows.map(toToken);
  }

  /** Revokes a token; undefined when there is no live token with this id. */
  async revoke(id: number, by: string): Promise<ApiToken | undefined> {
    const [row] = await this.sql.query<Row>(
      `UPDATE api_tokens SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL
       RETURNING ${COLUMNS}`,
      [id, by],
    );
    return row && toToken(row);
  }

  async touch(id: number): Promise<void> {
    await this.sql.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [id]);
  }
}
