import { z } from 'zod';
import { currencyCode, dateTime, hsCode, identifier, nonNegative, text } from './codes.ts';

/** Kinds of control. `unspecified` is for historical outcomes imported without it. */
export const INSPECTION_KINDS = ['documentary', 'scan', 'physical', 'unspecified'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

/** One thing an inspection found. */
export const findingSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('revenue_adjustment'),
    amount: nonNegative,
    currency: currencyCode.optional(),
    reason: text(256).optional(),
  }),
  z.strictObject({
    type: z.literal('seizure'),
    commodity: text(256),
    hsCode: hsCode.optional(),
    quantity: nonNegative,
    unit: identifier(8),
  }),
  z.strictObject({ type: z.literal('penalty'), amount: nonNegative, currency: currencyCode.optional() }),
  z.strictObject({ type: z.literal('other'), description: text(512) }),
]);
export type Finding = z.infer<typeof findingSchema>;

/**
 * The result of a control of a declaration. `outcome` is `finding` exactly
 * when `findings` is not empty: an officer cannot record a finding without
 * saying what it was.
 */
export const inspectionResultSchema = z
  .strictObject({
    id: identifier(35),
    declarationId: identifier(35),
    declarationVersion: z.number().int().positive().optional(),
    inspector: identifier(35),
    startedAt: dateTime,
    endedAt: dateTime.optional(),
    kind: z.enum(INSPECTION_KINDS, { message: `expected one of ${INSPECTION_KINDS.join(', ')}` }),
    outcome: z.enum(['no_finding', 'finding'], { message: 'expected no_finding or finding' }),
    findings: z.array(findingSchema).default([]),
    narrative: text(4000).optional(),
    /** Outcome labels carried over from historical data sets (e.g. KCS `Fraud`, `Critical Fraud`). */
    labels: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.outcome === 'finding' && r.findings.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['findings'],
        message: 'expected at least one finding when outcome is finding',
      });
    }
    if (r.outcome === 'no_finding' && r.findings.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['outcome'],
        message: 'expected finding, since findings are listed',
      });
    }
    if (r.endedAt && r.endedAt < r.startedAt) {
      ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'expected a time after startedAt' });
    }
  });
export type InspectionResult = z.infer<typeof inspectionResultSchema>;
