import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newDeclaration, newItem, newParty, type Party } from '@sieve/core';
import { pick } from './intake.repository.ts';
import { PartyMemo, partiesJson, partyDocs, prepareBatch, transferable } from './intake-batch.ts';

const decode = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

// One row in plain ASCII, one with Cyrillic (two bytes a character in UTF-8), one with Korean (three).
const declarations = [
  newDeclaration({
    id: 'D-1',
    importer: newParty({ id: 'IMP-1', name: 'Plain Trading Ltd' }),
    items: [newItem({ description: 'Steel bolts' })],
  }),
  newDeclaration({
    id: 'D-2',
    importer: newParty({ id: 'IMP-2', name: 'ООО Северный Импорт' }),
    items: [newItem({ description: 'Болты стальные' }), newItem({ sequence: 2, description: 'Гайки' })],
  }),
  newDeclaration({
    id: 'D-3',
    importer: newParty({ id: 'IMP-3', name: '한국무역 주식회사' }),
    items: [newItem({ description: '볼트' })],
  }),
];

describe('a batch of records as COPY text', () => {
  const batch = prepareBatch(
    7,
    declarations.map((value) => ({ kind: 'declaration' as const, value })),
    [],
  );
  const t = batch.declarations;

  it('keeps the rows as UTF-8, each record ending where its end in bytes says', () => {
    const lines = decode(t.rows).split('\n').slice(0, -1);
    assert.equal(lines.length, 3);
    for (const [i, line] of lines.entries()) assert.ok(line.startsWith(`D-${i + 1}\t`), line);
    let end = 0;
    t.rowEnds.forEach((e, i) => {
      end += Buffer.byteLength(`${lines[i]}\n`);
      assert.equal(e, end, `record ${i}`);
    });
    assert.equal(t.rowEnds.at(-1), t.rows.length);
    assert.ok(decode(t.rows).includes('ООО Северный Импорт') && decode(t.rows).includes('한국무역'));
    // The items go with their declaration: one, two, one.
    assert.deepEqual(
      t.childEnds.map(
        (e, i) => decode(t.children.subarray(i ? t.childEnds[i - 1] : 0, e)).split('\n').length - 1,
      ),
      [1, 2, 1],
    );
    assert.ok(decode(t.children).startsWith('D-1\t'));
  });

  it('picks the records asked for, whole, by those ends (records already stored are left out)', () => {
    const lines = decode(t.rows).split('\n');
    assert.equal(decode(pick(t.rows, t.rowEnds, [1])), `${lines[1]}\n`);
    assert.equal(decode(pick(t.rows, t.rowEnds, [0, 2])), `${lines[0]}\n${lines[2]}\n`);
    const items = decode(pick(t.children, t.childEnds, [1])).split('\n');
    assert.equal(items.length, 3);
    assert.ok(items[0]!.startsWith('D-2\t1\t1\t') && items[1]!.startsWith('D-2\t1\t2\t'), items.join('|'));
    assert.equal(pick(t.rows, t.rowEnds, []).length, 0);
  });

  it('grows past its first buffer with characters of four bytes, every end still in place', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      newDeclaration({
        id: `M-${i}`,
        importer: newParty({ id: `IMP-M${i}`, name: `🚢 해운 ${'Ш'.repeat(i % 50)} ${i}` }),
      }),
    );
    const big = prepareBatch(
      7,
      many.map((value) => ({ kind: 'declaration' as const, value })),
      [],
    ).declarations;
    assert.ok(big.rows.length > 1 << 16, `${big.rows.length} bytes`);
    const lines = decode(big.rows).split('\n').slice(0, -1);
    assert.equal(lines.length, 400);
    assert.equal(big.rowEnds.at(-1), big.rows.length);
    for (const i of [0, 1, 199, 398, 399]) {
      const line = decode(pick(big.rows, big.rowEnds, [i]));
      assert.equal(line, `${lines[i]}\n`);
      assert.ok(line.startsWith(`M-${i}\t`) && line.includes(`🚢 해운`), line.slice(0, 40));
    }
  });

  it('holds a row larger than its first buffer whole, however many bytes its characters take', () => {
    const name = '🚢'.repeat(30_000); // 60,000 UTF-16 units, 120,000 bytes
    const one = prepareBatch(
      7,
      [
        {
          kind: 'declaration' as const,
          value: newDeclaration({ id: 'L-1', importer: newParty({ id: 'IMP-L', name }) }),
        },
      ],
      [],
    ).declarations;
    assert.ok(decode(one.rows).includes(name));
    assert.equal(one.rowEnds[0], one.rows.length);
    assert.ok(one.rows.length > 120_000);
  });

  it('posts its buffers by transfer, each once', () => {
    const text = decode(t.rows);
    const { batch: b, transfer } = transferable(
      prepareBatch(
        7,
        declarations.map((value) => ({ kind: 'declaration' as const, value })),
        [],
      ),
    );
    assert.equal(new Set(transfer).size, transfer.length);
    assert.equal(transfer.length, 2, 'the rows and the items');
    const received = structuredClone(b, { transfer });
    assert.equal(decode(received.declarations.rows), text);
    assert.equal(b.declarations.rows.byteLength, 0, 'moved, not copied');
  });
});

describe('the parties a run has sent', () => {
  const parties = (...ps: Party[]) => new Map(ps.map((p) => [p.id, p]));
  const a = newParty({ id: 'A', name: 'Alpha' });
  const b = newParty({ id: 'B', name: 'Beta' });

  it('are sent sorted by id, as the JSON array the upsert takes', () => {
    assert.deepEqual(JSON.parse(partiesJson(parties(b, a))), [
      { id: 'A', doc: a },
      { id: 'B', doc: b },
    ]);
    assert.equal(partiesJson(new Map()), '[]');
  });

  it('are not sent again unless their description changed', () => {
    const memo = new PartyMemo();
    assert.deepEqual(partyDocs(parties(a, b), memo).ids, ['A', 'B']);
    assert.deepEqual(partyDocs(parties(a, b), memo).ids, []);
    const a2 = { ...a, country: 'JP' };
    assert.deepEqual(partyDocs(parties(a2, b), memo).ids, ['A']);
    assert.deepEqual(partyDocs(parties(a2), memo).ids, []);
    // Applied to docs made elsewhere (a worker thread), the same.
    assert.deepEqual(memo.fresh(partyDocs(parties(a, b))).ids, ['A']);
  });

  it('forgets them all past its limit, and sends them again', () => {
    const memo = new PartyMemo(2);
    partyDocs(parties(a, b), memo);
    const c = newParty({ id: 'C', name: 'Gamma' });
    assert.deepEqual(partyDocs(parties(c), memo).ids, ['C']);
    assert.deepEqual(partyDocs(parties(a), memo).ids, ['A']);
  });
});
