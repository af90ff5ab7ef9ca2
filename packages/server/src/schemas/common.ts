import { USER_ROLES } from '@sieve/store';
import { z } from 'zod';

/** Every error answer (see the error catalogue in docs/api.md). */
export const errorSchema = z
  .object({
    code: z.string().meta({ example: 'SIEVE_ERR_VALIDATION' }),
    message: z.string(),
    statusCode: z.number().int(),
    requestId: z.string().describe('correlation id, also in the X-Request-Id header and the server log'),
    details: z.unknown().optional(),
  })
  .meta({ id: 'Error' });

/** Error answers every authenticated route can give. */
export const authErrors = {
  401: errorSchema.describe('not logged in (SIEVE_ERR_UNAUTHENTICATED)'),
  403: errorSchema.describe('the role may not (SIEVE_ERR_FORBIDDEN)'),
} as const;

export const userIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,34}$/, {
  message: 'expected 2 to 35 lower-case letters, digits, dots, dashes or underscores, such as "ana.lee"',
});

export const roleSchema = z.enum(USER_ROLES);

export const userSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    role: roleSchema,
    partyId: z.string().nullable(),
    disabled: z.boolean(),
    failedLogins: z.number().int(),
    lockedUntil: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    passwordChangedAt: z.string(),
    lastLoginAt: z.string().nullable(),
  })
  .meta({ id: 'User' });

/** A limit with a ceiling, for list endpoints. */
export const limitSchema = (max = 500, dflt = 50) =>
  z.coerce.number().int().min(1).max(max).default(dflt).describe(`how many (1 to ${max}, default ${dflt})`);

/** An ISO date or date-time in a query string. */
export const isoTime = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'expected an ISO 8601 date or date-time' });

export const idParams = z.object({ id: z.string().min(1).max(70) });
export const numericIdParams = z.object({ id: z.coerce.number().int().positive() });

/** A free-text reason, required for changes that matter (activations, revocations). */
export const reasonSchema = z.string().trim().min(3).max(1000).describe('why: kept in the audit log');
