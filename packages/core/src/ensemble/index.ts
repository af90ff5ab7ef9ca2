// Combination of rule points, watchlist hits and model probability into a score and a lane.
export * from './ensemble.ts';
