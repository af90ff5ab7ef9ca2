import type { z } from 'zod';
import { cargoReportSchema } from './cargo-report.ts';
import { declarationSchema } from './declaration.ts';
import { isCanonicalDeclaration } from './fast-validate.ts';
import { inspectionResultSchema } from './inspection.ts';
import { partySchema } from './party.ts';

/**
 * The kinds of record Sieve takes in. A `party` record is an entry of a
 * party register (traders named by id alone in declarations); it is keyed
 * by id, with no version.
 */
export const RECORD_KINDS = ['declaration', 'cargo-report', 'inspection', 'party'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

const schemas = {
  declaration: declarationSchema,
  'cargo-report': cargoReportSchema,
  inspection: inspectionResultSchema,
  party: partySchema,
} as const;

/** What is wrong with one field of one record, in words a person can act on. */
export interface FieldError {
  /** Dotted path with indices, e.g. `items[0].hsCode`. */
  readonly field: string;
  /** The value found there, shortened; `undefined` when the field is missing. */
  readonly value: unknown;
  /** What was expected. */
  readonly expected: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export type RecordOf<K extends RecordKind> = z.infer<(typeof schemas)[K]>;

/**
 * Validates `input` as a record of `kind`, returning the parsed record or
 * every field error. A declaration already valid and canonical is returned
 * as it is (the same object): callers must not change their input afterwards.
 */
export function validateRecord<K extends RecordKind>(kind: K, input: unknown): Validation<RecordOf<K>> {
  if (kind === 'declaration' && isCanonicalDeclaration(input))
    return { ok: true, value: input as RecordOf<K> };
  const result = schemas[kind].safeParse(input);
  if (result.success) return { ok: true, value: result.data as RecordOf<K> };
  return {
    ok: false,
    errors: result.error.issues.flatMap((issue): FieldError[] => {
      if (issue.code === 'unrecognized_keys') {
        // One error per unknown field, so a misspelt field is named, never silently dropped.
        return issue.keys.map((k) => ({
          field: formatPath([...issue.path, k]),
          value: shorten(valueAt(input, [...issue.path, k])),
          expected: 'no such field in the Sieve data model (misspelt?)',
        }));
      }
      const value = valueAt(input, issue.path);
      return [
        {
          field: formatPath(issue.path) || '(record)',
          value: shorten(value),
          expected:
            value === undefined && issue.code === 'invalid_type'
              ? 'a value (the field is required)'
              : issue.message.replace(/^Invalid input: /, ''),
        },
      ];
    }),
  };
}

/** `items[0].hsCode` from `['items', 0, 'hsCode']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/** One line per error: `field items[0].hsCode = "12AB": expected an HS code of 6 to 10 digits`. */
export function describeErrors(errors: readonly FieldError[]): string {
  return errors
    .map(
      (e) =>
        `field ${e.field}${e.value === undefined ? ' is missing' : ` = ${JSON.stringify(e.value)}`}: expected ${e.expected.replace(/^expected /, '')}`,
    )
    .join('; ');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function shorten(v: unknown): unknown {
  if (typeof v === 'string' && v.length > 80) return `${v.slice(0, 77)}...`;
  if (v !== null && typeof v === 'object') {
    const s = JSON.stringify(v);
    return s.length > 80 ? `${s.slice(0, 77)}...` : v;
  }
  return v;
}
