export * from './run-intake.ts';
export * from './score.ts';
