import type { Declaration, Finding, InspectionResult } from '@sieve/core';
import { iso } from './clock.ts';
import { pad } from './ids.ts';
import type { Lot } from './lot.ts';
import { DETECTION, FINDABLE, type PatternId, type Rates } from './patterns.ts';
import { round2 } from './pricing.ts';
import { type Random, Weighted } from './random.ts';
import type { DeclarationTruth } from './types.ts';

type Kind = 'documentary' | 'scan' | 'physical';

/** Mean suspicion of a lot (measured on default runs), so risk selection averages `rates.riskInspection`. */
const MEAN_SUSPICION = 1.35;
const HOUR = 3_600_000;
const MINUTE = 60_000;

const RANDOM_KINDS = new Weighted<Kind>([
  ['documentary', 50],
  ['scan', 20],
  ['physical', 30],
]);
const ROUTE_KINDS = new Weighted<Kind>([
  ['physical', 60],
  ['scan', 35],
  ['documentary', 5],
]);
const REVENUE_KINDS = new Weighted<Kind>([
  ['documentary', 55],
  ['physical', 35],
  ['scan', 10],
]);

const NOISE_OTHER = [
  'origin marking missing on the goods',
  'labelling not in Korean as required',
  'quantity differs from invoice within tolerance',
  'packing list does not match container stuffing order',
];
const NOISE_REASONS = [
  'freight omitted from customs value',
  'exchange rate misapplied',
  'royalty not added to price',
];

/** An inspection to release at `startMs`, and what the truth should record of it. */
export interface Control {
  readonly startMs: number;
  readonly result: InspectionResult;
  readonly truth: NonNullable<DeclarationTruth['inspection']>;
}

/**
 * Decides whether a declaration is controlled and what the control finds.
 * Selection is random (share `randomInspection`, labelled `random`) or
 * risk-biased (probability `riskInspection` x suspicion / mean suspicion,
 * capped at 0.9, labelled `risk`). A planted pattern is found with the
 * probability in {@link DETECTION} for the kind of control; a control of a
 * declaration with nothing planted finds something minor with `noiseFinding`.
 */
export function control(
  rng: Random,
  rates: Rates,
  lot: Lot,
  declaration: Declaration,
  lodgedMs: number,
  seq: number,
): Control | undefined {
  const selection = rng.chance(rates.randomInspection)
    ? 'random'
    : rng.chance(Math.min(0.9, (rates.riskInspection * lot.suspicion) / MEAN_SUSPICION))
      ? 'risk'
      : undefined;
  if (!selection) return undefined;
  const kind = (selection === 'random' ? RANDOM_KINDS : lot.coverRoute ? ROUTE_KINDS : REVENUE_KINDS).draw(
    rng,
  );
  const detected: PatternId[] = [];
  const findings: Finding[] = [];
  for (const p of lot.patterns) {
    if (!FINDABLE.has(p)) continue;
    const chance = DETECTION[p as keyof typeof DETECTION][kind];
    if (!rng.chance(chance)) continue;
    detected.push(p);
    findings.push(...findingsFor(rng, p, lot));
  }
  const noise = !lot.fraud && rng.chance(rates.noiseFinding);
  if (noise) findings.push(noiseFinding(rng, declaration));
  const delay =
    kind === 'documentary' ? rng.range(0.5, 8) : kind === 'scan' ? rng.range(2, 24) : rng.range(4, 48);
  const startMs = Math.floor((lodgedMs + delay * HOUR) / MINUTE) * MINUTE;
  const minutes =
    kind === 'documentary' ? rng.range(15, 120) : kind === 'scan' ? rng.range(10, 45) : rng.range(60, 360);
  const result: InspectionResult = {
    id: `INS-${pad(seq, 8)}`,
    declarationId: declaration.id,
    declarationVersion: declaration.version,
    inspector: `${declaration.office}-INSP-${pad(1 + rng.zipf(40, 0.7), 3)}`,
    startedAt: iso(startMs),
    endedAt: iso(startMs + Math.round(minutes) * MINUTE),
    kind,
    outcome: findings.length > 0 ? 'finding' : 'no_finding',
    findings,
    narrative: narrative(kind, findings),
    labels: { selection },
  };
  return { startMs, result, truth: { selection, kind, detected, noise } };
}

function findingsFor(rng: Random, p: PatternId, lot: Lot): Finding[] {
  if (p === 'concealment') {
    return [
      {
        type: 'seizure',
        commodity: 'Cocaine hydrochloride',
        hsCode: '293971',
        quantity: lot.seizureKg ?? 0,
        unit: 'KGM',
      },
    ];
  }
  const reason =
    p === 'undervaluation'
      ? 'transaction value rejected; value from identical goods'
      : p === 'misclassification'
        ? `reclassified to HS ${lot.main.hs}`
        : 'preferential origin denied; anti-dumping duty applied';
  const out: Finding[] = [{ type: 'revenue_adjustment', amount: lot.revenueAtRisk, currency: 'USD', reason }];
  if (rng.chance(0.4))
    out.push({ type: 'penalty', amount: round2(lot.revenueAtRisk * rng.range(0.1, 0.4)), currency: 'USD' });
  return out;
}

function noiseFinding(rng: Random, d: Declaration): Finding {
  const roll = rng.float();
  if (roll < 0.6) {
    const amount = round2((d.customsValue ?? 0) * rng.range(0.002, 0.02));
    return { type: 'revenue_adjustment', amount, currency: 'USD', reason: rng.pick(NOISE_REASONS) };
  }
  if (roll < 0.85) return { type: 'other', description: rng.pick(NOISE_OTHER) };
  return { type: 'penalty', amount: round2(rng.range(100, 2000)), currency: 'USD' };
}

function narrative(kind: Kind, findings: readonly Finding[]): string {
  if (findings.length === 0) return `${kind} control: goods and documents conform to the declaration`;
  const parts = findings.map((f) =>
    f.type === 'seizure'
      ? `seized ${f.quantity} kg ${f.commodity.toLowerCase()} concealed in the cargo`
      : f.type === 'revenue_adjustment'
        ? `additional duties and taxes USD ${f.amount.toFixed(2)}${f.reason ? ` (${f.reason})` : ''}`
        : f.type === 'penalty'
          ? `penalty USD ${f.amount.toFixed(2)}`
          : f.description,
  );
  return `${kind} control: ${parts.join('; ')}`;
}
