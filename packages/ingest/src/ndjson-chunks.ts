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
  for await (const buf of withoutBom(stream)) {
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

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The stream without the UTF-8 byte order mark that some Windows tools put
 * at the start of a text file: JSON has none, and the first record would be
 * quarantined as not JSON.
 */
async function* withoutBom(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let head: Buffer | undefined = Buffer.alloc(0); // the first bytes, until they tell
  for await (const buf of stream) {
    if (!head) {
      yield buf;
      continue;
    }
    head = Buffer.concat([head, buf]);
    if (head.length < BOM.length && BOM.subarray(0, head.length).equals(head)) continue;
    yield head.subarray(0, BOM.length).equals(BOM) ? head.subarray(BOM.length) : head;
    head = undefined;
  }
  if (head?.length) yield head;
}

/**
 * The records of a chunk of NDJSON: its lines that are not blank, each
 * without its line end (`\n` or `\r\n`), decoded one by one. A chunk decoded
 * whole is stored in two bytes a character as soon as one line holds a
 * character past U+00FF (a Korean or Cyrillic name: in 9% of the generator's
 * declarations, so in nearly every chunk), and so is every line cut from it,
 * which then parses and encodes more slowly; decoded alone, the others stay
 * in one byte a character (the intake worker's loop over 60,000 generated
 * declarations: 29 us a declaration against 32-34).
 */
export function* ndjsonLines(data: Uint8Array): Generator<string> {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(NL, start);
    if (end < 0) end = bytes.length;
    const stop = end > start && bytes[end - 1] === 0x0d ? end - 1 : end;
    if (!isBlank(bytes, start, stop)) yield bytes.toString('utf8', start, stop);
    start = end + 1;
  }
}

function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpaceByte(bytes[i]!)) return false;
  return true;
}
