/**
 * Stable codes for errors of scoring, selection, feedback and backtests. The
 * CLI and the HTTP layer key on the code; the message is for people.
 */
export const SCORING_ERROR_CODES = {
  SIEVE_ERR_POLICY_INVALID: 'the scoring policy is invalid',
  SIEVE_ERR_SCORING_SEED: 'random selection needs a seed and none was given',
  SIEVE_ERR_LOOKOUT_INVALID: 'a commodity lookout list is invalid',
  SIEVE_ERR_HISTORY_SPEC_INVALID: 'a specification of lists derived from history is invalid',
  SIEVE_ERR_BANDS_INVALID: 'a set of value bands is invalid',
} as const;
export type ScoringErrorCode = keyof typeof SCORING_ERROR_CODES;

/**
 * An error of the scoring layer with a stable code.
 *
 * @example throw new ScoringError('SIEVE_ERR_SCORING_SEED', 'random selection needs a seed');
 */
export class ScoringError extends Error {
  constructor(
    readonly code: ScoringErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'ScoringError';
  }
}
