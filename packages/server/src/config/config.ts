import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) =>
  z.coerce
    .number({ message: 'expected a whole number' })
    .int({ message: 'expected a whole number' })
    .min(min, { message: `expected ${min} or more` })
    .max(max, { message: `expected ${max} or less` });

/**
 * Every environment variable the server reads, with its default. Parsed once
 * at start-up ({@link loadConfig}), frozen, and handed to everything that
 * needs it; nothing else reads process.env.
 */
const envSchema = z.object({
  SIEVE_HOST: z.string().min(1).default('127.0.0.1'),
  SIEVE_PORT: int(0, 65535).default(8080),
  SIEVE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How long a login lasts. */
  SIEVE_SESSION_HOURS: int(1, 24 * 30).default(8),
  /** Failed logins in a row that lock an account... */
  SIEVE_LOCKOUT_ATTEMPTS: int(1, 100).default(5),
  /** ...and for how long. */
  SIEVE_LOCKOUT_MINUTES: int(1, 24 * 60).default(15),
  SIEVE_PASSWORD_MIN_LENGTH: int(8, 128).default(10),
  /** argon2id cost (OWASP's minimum: 19 MiB, 2 passes). */
  SIEVE_ARGON2_MEMORY_KIB: int(8, 4 * 1024 * 1024).default(19456),
  SIEVE_ARGON2_PASSES: int(1, 20).default(2),
  /** Seconds a checked session or token is trusted before the database is asked again. */
  SIEVE_AUTH_CACHE_SECONDS: int(0, 300).default(5),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  SIEVE_TRUST_PROXY: bool.default(false),
  /** Mark the session cookie Secure (set it when served over HTTPS). */
  SIEVE_COOKIE_SECURE: bool.default(false),
  /** The ruleset real-time assessment uses; by default the only active one. */
  SIEVE_RULESET: z.string().min(1).optional(),
  /** Largest request body, for batch intake. */
  SIEVE_BODY_LIMIT_MB: int(1, 1024).default(64),
});

/** The server's configuration, validated and frozen. */
export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  readonly sessionHours: number;
  readonly lockoutAttempts: number;
  readonly lockoutMinutes: number;
  readonly passwordMinLength: number;
  readonly argon2: { readonly memoryKib: number; readonly passes: number };
  readonly authCacheSeconds: number;
  readonly trustProxy: boolean;
  readonly cookieSecure: boolean;
  readonly bodyLimitBytes: number;
  readonly ruleset?: string;
}

/** A configuration error naming every bad variable at once. */
export class ConfigError extends Error {
  readonly code = 'SIEVE_ERR_CONFIG';
  constructor(readonly problems: readonly string[]) {
    super(`SIEVE_ERR_CONFIG: invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * Reads the configuration from the environment once, failing with every bad
 * variable listed, and freezes it.
 *
 * @example const config = loadConfig(process.env);
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const present = Object.fromEntries(
    Object.keys(envSchema.shape)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const r = envSchema.safeParse(present);
  if (!r.success) {
    throw new ConfigError(
      r.error.issues.map((i) => {
        const name = String(i.path[0]);
        return `${name}=${JSON.stringify(env[name])}: ${i.message.replace(/^Invalid input: /, '')}`;
      }),
    );
  }
  const e = r.data;
  return deepFreeze({
    host: e.SIEVE_HOST,
    port: e.SIEVE_PORT,
    logLevel: e.SIEVE_LOG_LEVEL,
    sessionHours: e.SIEVE_SESSION_HOURS,
    lockoutAttempts: e.SIEVE_LOCKOUT_ATTEMPTS,
    lockoutMinutes: e.SIEVE_LOCKOUT_MINUTES,
    passwordMinLength: e.SIEVE_PASSWORD_MIN_LENGTH,
    argon2: { memoryKib: e.SIEVE_ARGON2_MEMORY_KIB, passes: e.SIEVE_ARGON2_PASSES },
    authCacheSeconds: e.SIEVE_AUTH_CACHE_SECONDS,
    trustProxy: e.SIEVE_TRUST_PROXY,
    cookieSecure: e.SIEVE_COOKIE_SECURE,
    bodyLimitBytes: e.SIEVE_BODY_LIMIT_MB * 1024 * 1024,
    ...(e.SIEVE_RULESET ? { ruleset: e.SIEVE_RULESET } : {}),
  });
}

/** The variables and their defaults, for `sieve serve --help` and docs/api.md. */
export const CONFIG_VARIABLES: readonly string[] = Object.freeze(Object.keys(envSchema.shape));

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v);
  return Object.freeze(o);
}
