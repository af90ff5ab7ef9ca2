/**
 * Node flags the `sieve` command runs with (its bin's shebang, `npm run
 * sieve`, `npm run demo`), and so the processes the benchmarks measure
 * (bench:api's server, bench:ingest's intake): a young generation of 64 MB
 * semi-spaces instead of V8's 16 MB.
 *
 * Each real-time assessment allocates about 110 KB that dies within the
 * request, and the data a request holds until its batch is committed lives
 * a few milliseconds more; with 16 MB semi-spaces, at 1,000 requests/s the
 * server thread stopped for a scavenge about 9 times a second, 3-5 ms each,
 * and what was still in flight at two scavenges in a row was promoted and
 * left for the major collector. With 64 MB: about 2 a second, 5-6 ms each,
 * and a third of the pause time (bench:api on PostgreSQL, alternated, 6
 * pairs: 123-182 against 324-459 ms of pauses in the measured seconds).
 * 128 MB gave no fewer pause milliseconds and 13 ms pauses. Bulk intake
 * gains too: 137-142 against 159-180 µs of CPU a declaration into PGlite,
 * 71-78 against 91 µs of Node's into PostgreSQL (bench:ingest, 200,000,
 * alternated), for more memory: each intake worker thread has semi-spaces of
 * its own (peak RSS of a 1,000,000 run into PostgreSQL 978 against 638 MB,
 * still flat). See BENCHMARKS.md "API" and "Intake".
 * The bin's shebang and the npm scripts (package.json) cannot import this
 * list and repeat it; node-flags.test.ts checks that they do.
 */
export const SIEVE_NODE_FLAGS = ['--max-semi-space-size=64'] as const;
