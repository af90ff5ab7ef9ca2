// Worker threads run TypeScript through tsx like the rest of Sieve (no build step).
import { register } from 'tsx/esm/api';

register();
await import('./pglite-worker.ts');
