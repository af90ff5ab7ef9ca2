import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** Prefixes make a leaked token recognisable (secret scanners) and say which table to ask. */
export const SESSION_PREFIX = 'sieve_s_';
export const API_TOKEN_PREFIX = 'sieve_t_';

/** A new bearer token: 256 random bits, URL-safe. */
export function newToken(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** What the database keeps of a token: its SHA-256 (tokens are random, so no salt or slow hash is needed). */
export function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface PasswordCost {
  readonly memoryKib: number;
  readonly passes: number;
}

/** Password hashing with argon2id (@node-rs/argon2: prebuilt, no compiler, off the event loop). */
export class PasswordHasher {
  private dummy: Promise<string> | undefined;
  constructor(private readonly cost: PasswordCost) {}

  hash(password: string): Promise<string> {
    return hash(password, { memoryCost: this.cost.memoryKib, timeCost: this.cost.passes, parallelism: 1 });
  }

  async verify(hashed: string, password: string): Promise<boolean> {
    try {
      return await verify(hashed, password);
    } catch {
      return false; // a malformed hash never logs anyone in
    }
  }

  /** Spends the time of a real check, so an unknown user name cannot be told from a wrong password. */
  async verifyNobody(password: string): Promise<false> {
    this.dummy ??= this.hash(randomBytes(16).toString('hex'));
    await this.verify(await this.dummy, password);
    return false;
  }
}
