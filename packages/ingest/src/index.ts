export * from './column-map.ts';
export * from './ndjson-chunks.ts';
export * from './read-records.ts';
