import { z } from 'zod';
import { identifier, text } from '../domain/codes.ts';

/** What a rule is about; the lead's scoring can cap points per category. */
export const RULE_CATEGORIES = [
  'revenue',
  'narcotics',
  'security',
  'ipr',
  'cites',
  'strategic',
  'health_safety',
  'other',
] as const;
export type RuleCategory = (typeof RULE_CATEGORIES)[number];

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/, {
    message: 'expected a date such as "2026-01-01" or a date-time such as "2026-01-01T00:00:00Z"',
  })
  .refine(dateExists, { message: 'expected a date that exists' });

// Date.parse rolls "2026-02-30" over to March; a rule valid from a day that
// does not exist is a typo to report.
function dateExists(s: string): boolean {
  const t = Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);
  if (Number.isNaN(t)) return false;
  return /[+-]\d{2}:?\d{2}$/.test(s) || new Date(t).toISOString().slice(0, 10) === s.slice(0, 10);
}

const codes = (max: number) =>
  z.array(identifier(max)).min(1, { message: 'expected at least one code, or leave the field out' });

/**
 * A risk indicator rule as analysts write it (YAML or JSON), validated at the
 * edge. Unknown keys are rejected so that a misspelt `condtion` is not
 * silently a rule without a condition.
 *
 * @example
 * ruleSchema.parse({
 *   id: 'REV-COFFEE-UV', title: 'Coffee under-valued', category: 'revenue', points: 30,
 *   description: 'Coffee declared below the value band for its origin',
 *   condition: 'any item in declaration.items: item.hsCode startsWith "0901" and unitValueBelowBand(item)',
 * })
 */
export const ruleSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, {
      message: 'expected an id of letters, digits, "-", "_" or "." (at most 64), such as "NARC-001"',
    }),
    title: text(200).min(1, { message: 'expected a title' }),
    /** Shown to officers: why this matters and what to look at. */
    description: text(4000).min(1, { message: 'expected a description for officers' }),
    category: z.enum(RULE_CATEGORIES, { message: `expected one of ${RULE_CATEGORIES.join(', ')}` }),
    points: z.number({ message: 'expected a number of points' }).finite(),
    /** First day (or instant) the rule applies, judged against the declaration's lodgement. */
    validFrom: isoDate.optional(),
    /** Last day the rule applies (a date includes the whole day; a date-time is the first instant it no longer does). */
    validTo: isoDate.optional(),
    scope: z
      .object({
        offices: codes(17).optional(),
        procedures: codes(7).optional(),
        modes: codes(3).optional(),
      })
      .strict()
      .optional(),
    condition: z.string().min(1, { message: 'expected a condition' }),
  })
  .strict()
  .superRefine((r, ctx) => {
    const { from, to } = validityBounds(r);
    if (from !== undefined && to !== undefined && to <= from) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'expected validTo after validFrom' });
    }
  });

/** A validated rule. */
export type Rule = z.infer<typeof ruleSchema>;
/** A rule as received, before validation. */
export type RuleInput = z.input<typeof ruleSchema>;

/**
 * The instants a rule applies between, as ISO strings comparable with
 * `Declaration.lodgedAt`: `from` inclusive, `to` exclusive, absent when
 * open. A date-only `validTo` covers its whole day.
 *
 * @example validityBounds({ validTo: '2026-12-31' }).to // '2027-01-01T00:00:00.000Z'
 */
export function validityBounds(r: { validFrom?: string | undefined; validTo?: string | undefined }): {
  from?: string;
  to?: string;
} {
  const bounds: { from?: string; to?: string } = {};
  if (r.validFrom) bounds.from = toInstant(r.validFrom, 0);
  if (r.validTo) bounds.to = toInstant(r.validTo, 1);
  return bounds;
}

function toInstant(s: string, addDays: number): string {
  if (s.length === 10) return new Date(Date.parse(`${s}T00:00:00Z`) + addDays * 86_400_000).toISOString();
  return new Date(Date.parse(s)).toISOString();
}
