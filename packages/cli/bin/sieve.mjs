#!/usr/bin/env -S node --max-semi-space-size=64 --initial-old-space-size=256
// Runs the TypeScript sources through tsx, so the CLI needs no build step. The node flags are
// SIEVE_NODE_FLAGS (src/node-flags.ts): a larger young generation and a higher first old-generation
// limit, for the server and bulk intake.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
