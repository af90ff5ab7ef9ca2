import type { Declaration } from '../domain/declaration.ts';
import { type DeclarationFacts, factsInto, type MutableDeclarationFacts } from './declaration-facts.ts';
import { featureInfo, writeFeatures } from './features.ts';
import { type CompiledGbdt, compileGbdt, type GbdtJson, predictMargin, sigmoid } from './gbdt-model.ts';
import type { GbdtParams } from './gbdt-train.ts';
import { ModelError } from './model-error.ts';
import { PROFILE_GROUPS } from './profile-groups.ts';
import { ProfileState, type ProfileStateJson } from './profile-state.ts';
import { type CompiledTreeShap, compileTreeShap } from './tree-shap.ts';

/** Name of the feature set this code computes; a model records the one it was trained on. */
export const FEATURE_SET = 'profiles-v2';

/** History as of the end of a day (ISO date): the profiles a scorer starts from. */
export interface HistorySnapshot {
  until: string;
  profiles: ProfileStateJson;
}

/** Figures measured at training time, kept with the model for the registry. */
export interface ModelMetrics {
  rows: number;
  findings: number;
  auc: number;
  p_at_1: number;
  p_at_2: number;
  p_at_5: number;
  p_at_10: number;
  recall_at_5: number;
}

/**
 * A trained risk model as stored (model.json, the registry): the trees, the
 * feature set they expect, how they were trained, and history snapshots so
 * the model can score declarations without the training files.
 */
export interface RiskModelJson {
  format: 'sieve-risk-model';
  formatVersion: 1;
  featureSet: string;
  features: string[];
  target: string;
  seed: number;
  params: GbdtParams;
  rounds: number;
  training: { from: string; to: string; rows: number; findings: number };
  metrics: { earlyStopping?: { auc: number }; validation?: ModelMetrics };
  /** Total split gain per feature, in feature order. */
  importance: number[];
  gbdt: GbdtJson;
  /** Snapshots in time order; the scorer picks the latest one before the data it scores. */
  history: HistorySnapshot[];
}

/**
 * A loaded model: pure, synchronous scoring of declarations against a
 * history of profiles.
 *
 * @example
 * const model = loadRiskModel(JSON.parse(text));
 * const history = model.historyBefore('2021-01-01');
 * model.score(declaration, history).probability // 0.83
 */
export class RiskModel {
  readonly json: RiskModelJson;
  readonly compiled: CompiledGbdt;
  /** The trees prepared for explanations (TreeSHAP), once at load rather than on every explanation. */
  readonly shap: CompiledTreeShap;
  readonly width: number;
  private readonly row: Float64Array;
  // The facts of the declaration being scored, overwritten by each call: scoring allocates no facts.
  private facts: MutableDeclarationFacts | undefined;

  constructor(json: RiskModelJson) {
    this.json = json;
    this.compiled = compileGbdt(json.gbdt);
    this.shap = compileTreeShap(json.gbdt);
    this.width = json.features.length;
    this.row = new Float64Array(this.width);
  }

  /** Probability (and log-odds) of a finding for a declaration, given the history before it. */
  score(d: Declaration, history: ProfileState): { probability: number; margin: number } {
    const facts = factsInto(d, this.facts);
    this.facts = facts;
    return this.scoreFacts(facts, history);
  }

  scoreFacts(facts: DeclarationFacts, history: ProfileState): { probability: number; margin: number } {
    writeFeatures(facts, history, this.row, 0);
    const margin = predictMargin(this.compiled, this.row, 0);
    return { probability: sigmoid(margin), margin };
  }

  /**
   * A copy of the latest history snapshot ending before `isoDate`, so that
   * scoring data from that date on sees no outcome from its own period. With
   * no such snapshot, an empty history (every party a newcomer).
   */
  historyBefore(isoDate: string): ProfileState {
    let chosen: HistorySnapshot | undefined;
    for (const h of this.json.history) if (h.until < isoDate.slice(0, 10)) chosen = h;
    return chosen ? ProfileState.fromJSON(chosen.profiles) : new ProfileState();
  }

  /** The snapshot `historyBefore(isoDate)` would use, or undefined for none. */
  historyDateBefore(isoDate: string): string | undefined {
    let chosen: string | undefined;
    for (const h of this.json.history) if (h.until < isoDate.slice(0, 10)) chosen = h.until;
    return chosen;
  }
}

/**
 * Checks a parsed model file and loads it.
 *
 * @example loadRiskModel(JSON.parse(readFileSync('model.json', 'utf8')))
 */
export function loadRiskModel(json: unknown): RiskModel {
  const m = json as Partial<RiskModelJson> | null;
  if (!m || typeof m !== 'object' || m.format !== 'sieve-risk-model' || m.formatVersion !== 1 || !m.gbdt) {
    throw new ModelError(
      'SIEVE_ERR_MODEL_FORMAT',
      'expected a file written by `sieve model train` (format sieve-risk-model, version 1)',
    );
  }
  const expected = featureInfo(PROFILE_GROUPS).map((f) => f.name);
  if (m.featureSet !== FEATURE_SET || m.features?.join(',') !== expected.join(',')) {
    throw new ModelError(
      'SIEVE_ERR_MODEL_FEATURES',
      `the model uses feature set ${m.featureSet ?? '(none)'} but this Sieve computes ${FEATURE_SET}: retrain it with \`sieve model train\``,
    );
  }
  return new RiskModel(m as RiskModelJson);
}
