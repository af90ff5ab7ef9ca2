import { randomBytes } from 'node:crypto';
import type { Store } from '@sieve/store';
import type { ServerConfig } from '../config/config.ts';
import { PasswordHasher } from './secrets.ts';

/**
 * The first account: when there are no users at all, creates `admin` with
 * the given password or a random one, and says which. Does nothing (returns
 * undefined) once any account exists.
 */
export async function ensureAdministrator(
  store: Store,
  config: ServerConfig,
  password?: string,
): Promise<{ id: string; password: string; generated: boolean } | undefined> {
  if ((await store.users.count()) > 0) return undefined;
  const generated = !password;
  const secret = password ?? randomBytes(12).toString('base64url');
  if (secret.length < config.passwordMinLength)
    throw new Error(
      `SIEVE_ERR_WEAK_PASSWORD: the administrator password must have at least ${config.passwordMinLength} characters`,
    );
  const hasher = new PasswordHasher(config.argon2);
  await store.users.create({
    id: 'admin',
    displayName: 'Administrator',
    role: 'administrator',
    passwordHash: await hasher.hash(secret),
    createdBy: 'bootstrap',
  });
  await store.audit.append({
    actor: 'bootstrap',
    action: 'user.create',
    entity: 'user',
    entityId: 'admin',
    source: 'local',
    reason: 'first start: no account existed',
    details: { role: 'administrator', generatedPassword: generated },
  });
  return { id: 'admin', password: secret, generated };
}
