/**
 * Progress for long work: a bar with count and rate on a terminal, a line
 * every few seconds otherwise (CI logs, pipes), nothing when quiet.
 *
 * @example const p = progress('ingest', total); p.tick(1000); p.done();
 */
export interface Progress {
  tick(n?: number): void;
  done(): void;
}

export function progress(label: string, total?: number, opts: { quiet?: boolean } = {}): Progress {
  if (opts.quiet) return { tick() {}, done() {} };
  const tty = process.stderr.isTTY;
  const start = performance.now();
  let count = 0;
  let lastDraw = 0;
  const draw = (final: boolean) => {
    const secs = (performance.now() - start) / 1000;
    const rate = secs > 0 ? Math.round(count / secs) : 0;
    const pct = total ? ` ${((100 * count) / total).toFixed(0).padStart(3)}%` : '';
    const bar = total && tty ? ` [${'#'.repeat(Math.round((20 * count) / total)).padEnd(20, '.')}]` : '';
    const line = `${label}${bar}${pct} ${count.toLocaleString('en')}${total ? `/${total.toLocaleString('en')}` : ''} · ${rate.toLocaleString('en')}/s · ${secs.toFixed(1)}s`;
    if (tty) process.stderr.write(`\r${line}\x1b[K${final ? '\n' : ''}`);
    else process.stderr.write(`${line}\n`);
  };
  return {
    tick(n = 1) {
      count += n;
      const now = performance.now();
      if (now - lastDraw > (tty ? 100 : 5000)) {
        lastDraw = now;
        draw(false);
      }
    },
    done() {
      draw(true);
    },
  };
}
