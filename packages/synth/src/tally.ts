import { PATTERN_IDS, type PatternId } from './patterns.ts';
import type { SynthKind, SynthRecord } from './types.ts';

/** Counts of a generated data set, as manifest.json and `sieve generate` report them. */
export interface DatasetSummary {
  readonly records: Record<SynthKind, number>;
  /** Declarations carrying each pattern. */
  readonly patterns: Record<PatternId, number>;
  /** Declarations with a findable pattern (undervaluation, misclassification, origin, concealment). */
  readonly fraudulentDeclarations: number;
  /** Duties and taxes evaded over all declarations, USD. */
  readonly revenueAtRisk: number;
  /** Cocaine planted over all declarations, kg. */
  readonly concealedKg: number;
  readonly inspections: {
    readonly total: number;
    readonly random: number;
    readonly risk: number;
    readonly withFindings: number;
    /** Findings on declarations where nothing was planted. */
    readonly noise: number;
    /** Inspected declarations with a findable pattern, and how many of those the control found. */
    readonly fraudInspected: number;
    readonly fraudDetected: number;
  };
}

/**
 * Counts records as they stream past, for a summary at the end.
 *
 * @example const t = new Tally(); for (const r of generate(o)) t.add(r); t.summary()
 */
export class Tally {
  private readonly records: Record<SynthKind, number> = {
    lookout: 0,
    party: 0,
    'cargo-report': 0,
    declaration: 0,
    inspection: 0,
    truth: 0,
  };
  private readonly patterns = Object.fromEntries(PATTERN_IDS.map((p) => [p, 0])) as Record<PatternId, number>;
  private fraud = 0;
  private revenue = 0;
  private kg = 0;
  private readonly inspections = {
    total: 0,
    random: 0,
    risk: 0,
    withFindings: 0,
    noise: 0,
    fraudInspected: 0,
    fraudDetected: 0,
  };

  add(r: SynthRecord): void {
    this.records[r.kind]++;
    if (r.kind === 'inspection') {
      this.inspections.total++;
      if (r.value.labels?.selection === 'random') this.inspections.random++;
      else this.inspections.risk++;
      if (r.value.outcome === 'finding') this.inspections.withFindings++;
    } else if (r.kind === 'truth' && r.value.subject === 'declaration') {
      const t = r.value;
      for (const p of t.patterns) this.patterns[p]++;
      if (t.fraud) this.fraud++;
      this.revenue += t.revenueAtRisk;
      this.kg += t.details.concealment?.quantityKg ?? 0;
      if (t.inspection?.noise) this.inspections.noise++;
      if (t.inspection && t.fraud) {
        this.inspections.fraudInspected++;
        if (t.inspection.detected.length > 0) this.inspections.fraudDetected++;
      }
    }
  }

  summary(): DatasetSummary {
    return {
      records: { ...this.records },
      patterns: { ...this.patterns },
      fraudulentDeclarations: this.fraud,
      revenueAtRisk: Math.round(this.revenue * 100) / 100,
      concealedKg: this.kg,
      inspections: { ...this.inspections },
    };
  }
}
