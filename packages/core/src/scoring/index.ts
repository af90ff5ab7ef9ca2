/**
 * Scoring and selection: points and lanes from the rule language, commodity
 * lookouts, value bands computed from history, lists derived from history,
 * the selection policy (random share, daily capacity), explanations,
 * feedback from inspections and backtests. Pure: no I/O, no clock, no
 * randomness but the seed it is handed. See docs/risk-engine.md.
 */
export {
  type Assessment,
  type CapacityNote,
  type ListMatch,
  MODEL_REASONS,
  type ModelVerdict,
  type RandomDraw,
  type SnapshotVersions,
  type WatchlistHitRecord,
  type WatchlistVerdict,
} from './assessment.ts';
export {
  type BacktestReport,
  type BacktestRow,
  backtest,
  backtestRow,
  type RuleBacktest,
  type SelectionMetrics,
} from './backtest.ts';
export { calibrateThresholds } from './calibrate-thresholds.ts';
export {
  type CommodityLookout,
  type LoadedLookouts,
  type LookoutMatch,
  type LookoutScreen,
  loadLookoutsFromYaml,
  lookoutScreen,
  lookoutToJson,
  parseLookout,
} from './commodity-lookouts.ts';
export { applyDailyCapacity } from './daily-capacity.ts';
export { explainAssessment } from './explain-assessment.ts';
export {
  deriveHistoryLists,
  HISTORY_KEYS,
  type HistoryKey,
  type HistoryListSpec,
  type HistoryRow,
  historyListSpecSchema,
  loadHistorySpecs,
} from './history-lists.ts';
export { newPolicy, newSnapshot } from './new-snapshot.ts';
export { type CategoryPoints, type PointsSum, sumPoints } from './points.ts';
export { randomDrawer, seedKey } from './random-selection.ts';
export {
  ALL_INSPECTIONS,
  applyWeights,
  decay,
  emptyStats,
  type Outcome,
  type Posterior,
  posterior,
  proposeWeights,
  RANDOM_BASELINE,
  type RuleStats,
  recordOutcome,
  type WeightProposal,
} from './rule-feedback.ts';
export { formatPoints, type ScoreInput, score } from './score.ts';
export { SCORING_ERROR_CODES, ScoringError, type ScoringErrorCode } from './scoring-error.ts';
export {
  type FeedbackConfig,
  higherLane,
  type LaneThresholds,
  laneForPoints,
  laneRank,
  parseScoringPolicy,
  type ScoringPolicy,
  type ScoringPolicyInput,
  type Selection,
  scoringPolicySchema,
  selectionResolver,
} from './scoring-policy.ts';
export { type SipKey, sipHash24 } from './siphash.ts';
export {
  canonicalJson,
  createSnapshot,
  fingerprint,
  type ScoringSnapshot,
  type SnapshotOptions,
  seedFingerprint,
} from './snapshot.ts';
export { type TradeFacts, TradeHistory } from './trade-history.ts';
export {
  type BandBasis,
  type BandObservation,
  type BandOptions,
  computeValueBands,
  parseValueBandSet,
  percentile,
  type ValueBandSet,
  valueBandSetSchema,
} from './value-band-builder.ts';
