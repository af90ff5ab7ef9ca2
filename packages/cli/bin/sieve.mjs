#!/usr/bin/env -S node --max-semi-space-size=64
// Runs the TypeScript sources through tsx, so the CLI needs no build step. The node flag is
// SERVER_NODE_FLAGS (src/node-flags.ts): `sieve serve` is a long-running server.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
