/**
 * Throughput of the generator alone (no serialisation): declarations per
 * second and peak RSS. Prints one JSON line last.
 *
 * Usage: npx tsx packages/synth/bench/generate.ts [count=1000000] [seed=1]
 * Add node --expose-gc (node --expose-gc --import tsx ...) to also print the
 * live heap after a full collection every 100,000 declarations.
 */
import { generate } from '../src/index.ts';

const count = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.argv[3] ?? 1);
const counts: Record<string, number> = {
  lookout: 0,
  party: 0,
  'cargo-report': 0,
  declaration: 0,
  inspection: 0,
  truth: 0,
};
let peakRss = 0;
const gc = (globalThis as { gc?: () => void }).gc;
const liveHeap: number[] = [];
let declarations = 0;
const start = performance.now();
const cpu0 = process.cpuUsage();
for (const r of generate({ seed, count })) {
  counts[r.kind]++;
  if (r.kind === 'declaration' && ++declarations % 100_000 === 0) {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    // With --expose-gc, measure what is really retained (RSS also counts garbage not yet collected).
    if (gc) {
      gc();
      liveHeap.push(Math.round(process.memoryUsage().heapUsed / 1e6));
    }
    const secs = (performance.now() - start) / 1000;
    console.error(
      `${declarations} declarations, ${Math.round(declarations / secs)}/s, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
    );
  }
}
const secs = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSecs = (cpu.user + cpu.system) / 1e6;
peakRss = Math.max(peakRss, process.memoryUsage().rss);
console.log(
  JSON.stringify({
    count,
    seconds: Number(secs.toFixed(2)),
    declarations_per_s: Math.round(count / secs),
    cpu_seconds: Number(cpuSecs.toFixed(2)),
    declarations_per_cpu_s: Math.round(count / cpuSecs),
    records: counts,
    peak_rss_mb: Math.round(peakRss / 1e6),
    ...(gc ? { live_heap_mb_per_100k: liveHeap } : {}),
  }),
);
