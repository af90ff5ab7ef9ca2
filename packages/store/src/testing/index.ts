export * from './each-store.ts';
