/** Stable codes for the predictive model's errors; the message says what to do. */
export const MODEL_ERROR_CODES = {
  SIEVE_ERR_MODEL_NO_DATA: 'there is nothing to train on or evaluate',
  SIEVE_ERR_MODEL_ONE_CLASS: 'the training data has only one outcome class',
  SIEVE_ERR_MODEL_FORMAT: 'the model file is not a Sieve model',
  SIEVE_ERR_MODEL_FEATURES: 'the model was trained on a different feature set',
  SIEVE_ERR_MODEL_PARAMS: 'a training parameter is out of range',
} as const;
export type ModelErrorCode = keyof typeof MODEL_ERROR_CODES;

/**
 * An error of the predictive model with a stable code.
 *
 * @example throw new ModelError('SIEVE_ERR_MODEL_ONE_CLASS', 'every row is a finding: nothing to learn from');
 */
export class ModelError extends Error {
  constructor(
    readonly code: ModelErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'ModelError';
  }
}
