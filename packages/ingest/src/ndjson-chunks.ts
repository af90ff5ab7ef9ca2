/**
 * NDJSON cut into chunks of whole lines without decoding it: the thread that
 * reads the file only looks for newlines, and the worker threads that parse
 * decode their own chunk. A line holding only ASCII white space is blank and
 * does not count as a record, here and in {@link ndjsonLines} alike.
 */

const NL = 0x0a;

// Space, \t, \v, \f and \r: what a blank line may hold.
const isSpaceByte = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d && b !== NL);

/** A run of whole lines, as bytes, and how many of them are records (not blank). */
export interface NdjsonChunk {
  readonly data: Buffer;
  readonly lines: number;
}

/**
 * Cuts a byte stream into chunks of `linesPerChunk` records (the last may hold
 * fewer), each ending after a newline or at the end of the stream.
 *
 * @example for await (const c of ndjsonChunks(createReadStream(path), 2000)) post(c.data, c.lines);
 */
export async function* ndjsonChunks(
  stream: AsyncIterable<Buffer>,
  linesPerChunk: number,
): AsyncGenerator<NdjsonChunk> {
  let parts: Buffer[] = [];
  let lines = 0;
  let blank = true; // the line read so far holds only white space
  for await (const buf of stream) {
    let from = 0; // start of what this buffer still has to hand over
    let pos = 0;
    while (pos < buf.length) {
      if (blank) {
        while (pos < buf.length && isSpaceByte(buf[pos]!)) pos++;
        if (pos < buf.length && buf[pos] !== NL) blank = false;
      }
      const nl = buf.indexOf(NL, pos);
      if (nl < 0) break;
      if (!blank) lines++;
      blank = true;
      pos = nl + 1;
      if (lines >= linesPerChunk) {
        parts.push(buf.subarray(from, pos));
        yield { data: Buffer.concat(parts), lines };
        parts = [];
        lines = 0;
        from = pos;
      }
    }
    if (from < buf.length) parts.push(buf.subarray(from));
  }
  if (!blank) lines++;
  if (lines > 0) yield { data: Buffer.concat(parts), lines };
}

/**
 * The records of a chunk of NDJSON text: its lines that are not blank, each
 * without its line end (`\n` or `\r\n`).
 */
export function* ndjsonLines(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, text.charCodeAt(end - 1) === 0x0d && end > start ? end - 1 : end);
    start = end + 1;
    if (!isBlank(line)) yield line;
  }
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (!isSpaceByte(line.charCodeAt(i))) return false;
  return true;
}
