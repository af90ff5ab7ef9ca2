export * from './column-map.ts';
export * from './read-records.ts';
