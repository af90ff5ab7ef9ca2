import { z } from 'zod';

/**
 * Records as stored, in answers. The full field list is the data model's
 * (docs/architecture.md, the intake body schemas in /docs); answers are not
 * re-validated field by field on the way out.
 */
export const declarationDocSchema = z
  .record(z.string(), z.unknown())
  .describe('a goods declaration as lodged: the same shape as the intake body')
  .meta({ id: 'DeclarationDocument' });

export const inspectionDocSchema = z
  .object({
    id: z.string(),
    declarationId: z.string(),
    declarationVersion: z.number().int().optional(),
    inspector: z.string(),
    startedAt: z.string(),
    endedAt: z.string().optional(),
    kind: z.enum(['documentary', 'scan', 'physical', 'unspecified']),
    outcome: z.enum(['no_finding', 'finding']),
    findings: z.array(z.record(z.string(), z.unknown())),
    narrative: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
  })
  .meta({ id: 'InspectionResult' });

export const declarationSummarySchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    type: z.string(),
    procedure: z.string(),
    office: z.string(),
    lodgedAt: z.string(),
    declarantId: z.string(),
    importerId: z.string().nullable(),
    importerName: z.string().nullable(),
    dispatchCountry: z.string().nullable(),
    transportMode: z.string().nullable(),
    currency: z.string(),
    customsValue: z.number().nullable(),
    itemCount: z.number().int(),
    receivedAt: z.string(),
    inspections: z.number().int(),
    findings: z.number().int(),
  })
  .meta({ id: 'DeclarationSummary' });
