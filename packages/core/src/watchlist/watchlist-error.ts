/** Stable codes for watchlist errors, so callers and the HTTP layer can act on them. */
export const WATCHLIST_ERRORS = {
  SIEVE_ERR_WATCHLIST_FORMAT: 'the list file is not in the expected format',
  SIEVE_ERR_WATCHLIST_ENTRY: 'a list entry is invalid',
  SIEVE_ERR_WATCHLIST_POLICY: 'a list screening policy is invalid',
} as const;
export type WatchlistErrorCode = keyof typeof WATCHLIST_ERRORS;

/**
 * An error in a watchlist file or policy that a person can fix: the message
 * names the file part, the record and what was expected.
 *
 * @example throw new WatchlistError('SIEVE_ERR_WATCHLIST_FORMAT', 'sdn.csv line 4: expected 12 columns, found 3')
 */
export class WatchlistError extends Error {
  readonly code: WatchlistErrorCode;
  constructor(code: WatchlistErrorCode, message: string) {
    super(message);
    this.name = 'WatchlistError';
    this.code = code;
  }
}
