/** Stable codes for watchlist errors, so callers and the HTTP layer can act on them. */
export const WATCHLIST_ERRORS = {
  SIEVE_ERR_WATCHLIST_FORMAT: 'the list file is not in the expected format',
  SIEVE_ERR_WATCHLIST_ENTRY: 'a list entry is invalid',
  SIEVE_ERR_WATCHLIST_POLICY: 'a list screening policy is invalid',
} as const;
export type WatchlistErrorCode = keyof typeof WATCHLIST_ERRORS;

/**
 * One problem in a list file: where (line, column), what was there and what
 * was expected, for a person to fix the file.
 *
 * @example { line: 20, column: 'identifiers', value: 'XX:1', expected: 'scheme:value, where scheme is...' }
 */
export interface WatchlistProblem {
  /** Line in the file where the record starts (the header is line 1); absent for the file as a whole. */
  readonly line?: number;
  readonly column: string;
  readonly value?: string;
  readonly expected: string;
}

/**
 * An error in a watchlist file or policy that a person can fix: the message
 * names the file part, the record and what was expected; `problems` lists
 * each one when there are several (every bad row of a lookout file).
 *
 * @example throw new WatchlistError('SIEVE_ERR_WATCHLIST_FORMAT', 'sdn.csv line 4: expected 12 columns, found 3')
 */
export class WatchlistError extends Error {
  readonly code: WatchlistErrorCode;
  readonly problems: readonly WatchlistProblem[];
  constructor(code: WatchlistErrorCode, message: string, problems: readonly WatchlistProblem[] = []) {
    super(message);
    this.name = 'WatchlistError';
    this.code = code;
    this.problems = problems;
  }
}

/**
 * A problem in one line of text: `line 20, column identifiers: "XX:1"; expected ...`.
 *
 * @example describeProblem({ line: 4, column: 'kind', value: 'robot', expected: 'one of person, company' })
 */
export function describeProblem(p: WatchlistProblem): string {
  const where = p.line === undefined ? `column ${p.column}` : `line ${p.line}, column ${p.column}`;
  return `${where}: ${p.value === undefined ? '' : `found "${p.value}"; `}expected ${p.expected}`;
}
