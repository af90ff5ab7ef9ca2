/**
 * Node flags the `sieve` command runs with (its bin's shebang, `npm run
 * sieve`, `npm run demo`), and so the processes the benchmarks measure
 * (bench:api's server, bench:ingest's intake): a young generation of 64 MB
 * semi-spaces instead of V8's 16 MB, and a first old-generation limit of
 * 256 MB.
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
 *
 * And an old generation whose first limit is 256 MB instead of the few MB
 * V8 starts with and grows by what survives. Bulk intake's threads promote
 * a few hundred KB a scavenge (a chunk's parties and keys, in flight for a
 * few scavenges) that die soon after; under the small starting limit each
 * intake worker ran a full mark-compact every second or two (20-23 in a
 * 200,000 run, 14 ms each, plus their marking), with the flag none. (A
 * worker's first limit is then 128 MB: V8 takes at most half of a heap's
 * bound, and parallel-intake.ts bounds a worker's old generation at 256.)
 * Alternated on one file (bench:ingest, 200,000, 2026-11-23): Node's CPU
 * 48-50 against 55-56 µs a declaration into PostgreSQL (rate +8% on
 * average), 93-95 against 108-111 µs into PGlite (+9%); peak RSS up to
 * about 130 MB more (1,000,000: 1,240 against 1,138 MB into PGlite, 991
 * against 857 into PostgreSQL). The limit is where V8 first collects the
 * old generation, not memory taken: a process that keeps little never
 * reaches it. The server holds about 250 MB once its lists and model are
 * loaded; bench:api saw no mark-compact in its measured seconds either way.
 *
 * Node refuses --initial-old-space-size in NODE_OPTIONS (it accepts
 * --max-semi-space-size there): both go on node's command line.
 *
 * The bin's shebang and the npm scripts (package.json) cannot import this
 * list and repeat it; node-flags.test.ts checks that they do.
 */
export const SIEVE_NODE_FLAGS = ['--max-semi-space-size=64', '--initial-old-space-size=256'] as const;
