import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, resolveOptions } from './generate.ts';
import { type DatasetSummary, Tally } from './tally.ts';
import type { GenerateOptions, LookoutEntry, SynthKind } from './types.ts';

/** The files of a data set, by record kind. */
export const DATASET_FILES: Readonly<Record<SynthKind, string>> = Object.freeze({
  declaration: 'declarations.ndjson',
  'cargo-report': 'cargo-reports.ndjson',
  inspection: 'inspections.ndjson',
  party: 'parties.ndjson',
  lookout: 'lookouts.csv',
  truth: 'truth.ndjson',
});

/** Columns of lookouts.csv; lists inside a cell are separated by `;`, identifiers written `scheme:value`. */
export const LOOKOUT_COLUMNS = [
  'id',
  'list',
  'kind',
  'name',
  'aliases',
  'country',
  'dob',
  'identifiers',
  'reason',
] as const;

/** What manifest.json holds: enough to regenerate the set and to check it. */
export interface DatasetManifest extends DatasetSummary {
  readonly generator: '@sieve/synth';
  readonly seed: number | string;
  readonly options: ReturnType<typeof resolveOptions>;
  readonly files: Readonly<Record<SynthKind, string>>;
}

export interface WriteOptions extends GenerateOptions {
  /** Called every 1,000 declarations and at the end with the number written so far. */
  readonly onProgress?: (declarations: number) => void;
}

const CHUNK = 1 << 18;

/**
 * Writes a generated data set into `dir` (created if missing, files
 * overwritten): one NDJSON file per record kind, lookouts.csv and
 * manifest.json. Streams: memory stays flat whatever the count. Same
 * options, byte-identical files.
 *
 * @example const manifest = await writeDataset('out/demo', { seed: 42, count: 10_000 });
 */
export async function writeDataset(dir: string, options: WriteOptions): Promise<DatasetManifest> {
  const resolved = resolveOptions(options);
  mkdirSync(dir, { recursive: true });
  const sinks = new Map<SynthKind, Sink>();
  for (const [kind, file] of Object.entries(DATASET_FILES) as [SynthKind, string][]) {
    sinks.set(kind, new Sink(createWriteStream(join(dir, file))));
  }
  (sinks.get('lookout') as Sink).add(`${LOOKOUT_COLUMNS.join(',')}\n`);
  const tally = new Tally();
  let declarations = 0;
  for (const r of generate(resolved)) {
    tally.add(r);
    const sink = sinks.get(r.kind) as Sink;
    sink.add(r.kind === 'lookout' ? lookoutRow(r.value) : `${JSON.stringify(r.value)}\n`);
    if (sink.full) await sink.flush();
    if (r.kind === 'declaration' && ++declarations % 1000 === 0) options.onProgress?.(declarations);
  }
  for (const sink of sinks.values()) await sink.close();
  options.onProgress?.(declarations);
  const manifest: DatasetManifest = {
    generator: '@sieve/synth',
    seed: resolved.seed,
    options: resolved,
    files: DATASET_FILES,
    ...tally.summary(),
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** One CSV row of lookouts.csv (RFC 4180 quoting). */
export function lookoutRow(e: LookoutEntry): string {
  const cells = [
    e.id,
    e.list,
    e.kind,
    e.name,
    e.aliases.join(';'),
    e.country,
    e.dob ?? '',
    e.identifiers.map((i) => `${i.scheme}:${i.value}`).join(';'),
    e.reason,
  ];
  return `${cells.map(csvCell).join(',')}\n`;
}

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Batches lines into large writes and waits when the stream asks (backpressure). */
class Sink {
  private parts: string[] = [];
  private size = 0;
  private error: Error | undefined;

  constructor(private readonly stream: WriteStream) {
    // An unwritable file must fail the write, not crash the process from an unheard 'error' event.
    stream.on('error', (e) => {
      this.error = e;
    });
  }

  get full(): boolean {
    return this.size >= CHUNK;
  }

  add(line: string): void {
    this.parts.push(line);
    this.size += line.length;
  }

  async flush(): Promise<void> {
    if (this.error) throw this.error;
    if (this.parts.length === 0) return;
    const ok = this.stream.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
    if (!ok) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    if (!this.stream.writableFinished) await once(this.stream, 'finish');
    if (this.error) throw this.error;
  }
}
