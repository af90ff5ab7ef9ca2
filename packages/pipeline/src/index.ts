export * from './run-intake.ts';
