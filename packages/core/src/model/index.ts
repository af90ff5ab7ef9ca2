// The predictive model: features over time-ordered history, a histogram GBDT,
// TreeSHAP explanations, ranking metrics and the feedback-loop simulation.
export * from './baseline-rules.ts';
export * from './binning.ts';
export * from './declaration-facts.ts';
export * from './evaluate-risk-model.ts';
export * from './explain.ts';
export * from './features.ts';
export * from './feedback-simulation.ts';
export * from './gbdt-model.ts';
export * from './gbdt-train.ts';
export * from './metrics.ts';
export * from './model-error.ts';
export * from './model-report.ts';
export * from './profile-groups.ts';
export * from './profile-state.ts';
export * from './risk-model.ts';
export * from './rng.ts';
export * from './time-ordered-features.ts';
export * from './train-risk-model.ts';
export * from './tree-shap.ts';
