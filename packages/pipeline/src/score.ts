// Scoring: snapshots from the store, scoring runs, feedback and backtests (issue 3).
export * from './score-backtest.ts';
export * from './score-cargo.ts';
export * from './score-declaration.ts';
export * from './score-feedback.ts';
export * from './score-layers.ts';
export * from './score-run.ts';
export * from './score-snapshot.ts';
