/**
 * Every error code the HTTP API answers with, its status and what it means.
 * One catalogue, as Fastify keeps FST_ERR_*: handlers throw {@link SieveError}
 * with a code from here, the error handler maps it to its status, and a test
 * keeps docs/api.md in step with this list.
 */
export const ERRORS = {
  SIEVE_ERR_VALIDATION: {
    status: 400,
    title: 'The request is not valid; details name each field and what was expected',
  },
  SIEVE_ERR_RULES_INVALID: {
    status: 400,
    title: 'A rule does not parse or type-check; details give each problem and where',
  },
  SIEVE_ERR_REASON_REQUIRED: { status: 400, title: 'Say why: this change needs a reason' },
  SIEVE_ERR_BAD_JSON: { status: 400, title: 'The body is not valid JSON' },
  SIEVE_ERR_WEAK_PASSWORD: { status: 400, title: 'The new password is too short or too common' },
  SIEVE_ERR_UNAUTHENTICATED: { status: 401, title: 'Log in first: no valid session or API token was sent' },
  SIEVE_ERR_BAD_CREDENTIALS: { status: 401, title: 'Unknown user or wrong password' },
  SIEVE_ERR_FORBIDDEN: { status: 403, title: 'Your role does not allow this' },
  SIEVE_ERR_WRONG_PASSWORD: { status: 403, title: 'The current password given is wrong' },
  SIEVE_ERR_ROUTE_NOT_FOUND: { status: 404, title: 'No such endpoint; see /docs' },
  SIEVE_ERR_DECLARATION_NOT_FOUND: { status: 404, title: 'No such declaration (or not one of yours)' },
  SIEVE_ERR_INSPECTION_NOT_FOUND: { status: 404, title: 'No such inspection result (or not one of yours)' },
  SIEVE_ERR_USER_NOT_FOUND: { status: 404, title: 'No such user' },
  SIEVE_ERR_TOKEN_NOT_FOUND: { status: 404, title: 'No such live API token' },
  SIEVE_ERR_RUN_NOT_FOUND: { status: 404, title: 'No such intake run' },
  SIEVE_ERR_ASSESSMENT_NOT_FOUND: { status: 404, title: 'The declaration has not been assessed yet' },
  SIEVE_ERR_RULESET_NOT_FOUND: { status: 404, title: 'No such ruleset version' },
  SIEVE_ERR_LIST_NOT_FOUND: { status: 404, title: 'No such reference list version' },
  SIEVE_ERR_WATCHLIST_ENTRY_NOT_FOUND: { status: 404, title: 'No such entry in the active watchlists' },
  SIEVE_ERR_WATCHLIST_NOT_FOUND: {
    status: 404,
    title: 'No such watchlist: no version of it is stored and it has no policy',
  },
  SIEVE_ERR_MODEL_NOT_FOUND: { status: 404, title: 'No such model version' },
  SIEVE_ERR_USER_EXISTS: { status: 409, title: 'A user with this id already exists' },
  SIEVE_ERR_TOKEN_EXISTS: { status: 409, title: 'An API token with this name already exists' },
  SIEVE_ERR_INSPECTION_EXISTS: {
    status: 409,
    title: 'An inspection result with this id is already recorded',
  },
  SIEVE_ERR_WATCHLIST_VERSION_EXISTS: {
    status: 409,
    title: 'This version of the watchlist is already stored; versions never change',
  },
  SIEVE_ERR_RULESET_IMMUTABLE: {
    status: 409,
    title: 'A version that has been active never changes; save a new version',
  },
  SIEVE_ERR_PAYLOAD_TOO_LARGE: { status: 413, title: 'The body is larger than the server accepts' },
  SIEVE_ERR_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'The body has a content type this endpoint does not take',
  },
  SIEVE_ERR_RECORD_QUARANTINED: {
    status: 422,
    title: 'The record was not accepted; it is quarantined with the reasons in details',
  },
  SIEVE_ERR_ACCOUNT_LOCKED: {
    status: 423,
    title: 'Too many failed logins: the account is locked for a while',
  },
  SIEVE_ERR_NO_ACTIVE_RULESET: {
    status: 409,
    title: 'No ruleset to assess with: activate one (or say which with SIEVE_RULESET)',
  },
  SIEVE_ERR_MODEL_UNUSABLE: {
    status: 409,
    title: 'The active model cannot be used by this version of Sieve: activate another model or retrain it',
  },
  SIEVE_ERR_NO_WATCHLIST: {
    status: 409,
    title: 'No active watchlist to search: import one (sieve watchlist import)',
  },
  SIEVE_ERR_INTERNAL: { status: 500, title: 'Something went wrong on our side; quote the request id' },
  SIEVE_ERR_UNAVAILABLE: { status: 503, title: 'The database does not answer' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERRORS;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERRORS, code);
}

/** One problem with one field of a request, in words a person can act on. */
export interface FieldProblem {
  /** Where: body, querystring, params or headers. */
  in?: string;
  /** Dotted path with indices, e.g. `items[0].hsCode`. */
  field: string;
  expected: string;
  value?: unknown;
}

/**
 * An error the API answers with on purpose: a catalogued code, a message for
 * people, optional details (field problems, quarantine reasons...).
 *
 * @example throw new SieveError('SIEVE_ERR_DECLARATION_NOT_FOUND', `no declaration ${id}`);
 */
export class SieveError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string = ERRORS[code].title,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'SieveError';
    this.status = ERRORS[code].status;
  }
}

/**
 * Other packages signal errors as `Error('SIEVE_ERR_X: message')` (the store,
 * the core). When X is in the catalogue, it becomes that SieveError; anything
 * else stays unknown (and becomes a 500 without its message).
 */
export function fromCodedMessage(err: unknown): SieveError | undefined {
  if (err instanceof SieveError) return err;
  if (!(err instanceof Error)) return undefined;
  const m = /^(SIEVE_ERR_[A-Z0-9_]+):\s*([\s\S]*)$/.exec(err.message);
  const code = m?.[1] ?? (err as { code?: unknown }).code;
  if (!isErrorCode(code)) return undefined;
  return new SieveError(code, m?.[2] || err.message);
}
