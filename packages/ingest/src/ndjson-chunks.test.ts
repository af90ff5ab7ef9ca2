import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ndjsonChunks, ndjsonLines } from './ndjson-chunks.ts';

async function* toAsync(buffers: Buffer[]) {
  yield* buffers;
}

async function collect(buffers: Buffer[], size: number) {
  const out = [];
  for await (const c of ndjsonChunks(toAsync(buffers), size)) out.push(c);
  return out;
}

// The records of a text as a reader of NDJSON sees them: lines without their end, blank ones left out.
const expectedLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => !/^[ \t\r\v\f]*$/.test(l));

describe('NDJSON chunks', () => {
  it('cuts after whole lines, counting records but not blank lines', async () => {
    const text = '{"a":1}\n\n  \r\n{"b":2}\r\n{"c":3}\n{"d":4}';
    const chunks = await collect([Buffer.from(text)], 2);
    assert.deepEqual(
      chunks.map((c) => [c.data.toString(), c.lines]),
      [
        ['{"a":1}\n\n  \r\n{"b":2}\r\n', 2],
        ['{"c":3}\n{"d":4}', 2],
      ],
    );
    assert.deepEqual([...ndjsonLines(chunks[0]!.data)], ['{"a":1}', '{"b":2}']);
  });

  it('decodes a chunk handed over as a plain view of part of a buffer', () => {
    const bytes = new TextEncoder().encode('xx{"a":"Бор"}\r\n \n{"b":"한"}\nyy');
    const view = new Uint8Array(bytes.buffer, 2, bytes.length - 4);
    assert.deepEqual([...ndjsonLines(view)], ['{"a":"Бор"}', '{"b":"한"}']);
  });

  it('yields nothing for a file of blank lines', async () => {
    assert.deepEqual(await collect([Buffer.from('\n \n\t\r\n')], 5), []);
  });

  it('gives every record once and in order, however the bytes arrive and whatever the chunk size', async () => {
    const line = fc.oneof(
      fc.constantFrom('', ' ', '\t', '\r'),
      fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => JSON.stringify({ s })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 30 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        async (lines, endsWithNewline, cuts, size, bom) => {
          const text = lines.join('\n') + (endsWithNewline ? '\n' : '');
          // A byte order mark at the start (Windows tools) is no part of the first record.
          const bytes = Buffer.from(bom ? `\uFEFF${text}` : text);
          const buffers: Buffer[] = [];
          for (let at = 0, k = 0; at < bytes.length; k++) {
            const n = cuts[k % cuts.length]!;
            buffers.push(bytes.subarray(at, at + n)); // may split a character: chunks must not
            at += n;
          }
          const chunks = await collect(buffers, size);
          const seen = chunks.flatMap((c) => {
            const records = [...ndjsonLines(c.data)];
            assert.equal(records.length, c.lines);
            assert.ok(c.lines <= size);
            return records;
          });
          assert.deepEqual(seen, expectedLines(text));
          const all = Buffer.concat(chunks.map((c) => c.data)).toString();
          assert.equal(all.trim() === '', seen.length === 0);
          assert.ok(text.startsWith(all), 'the bytes as they came, the mark left out');
        },
      ),
      { numRuns: 300, seed: 20261122 },
    );
  });
});
