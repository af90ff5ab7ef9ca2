import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PartyBook } from './parties.ts';
import { DEFAULT_RATES } from './patterns.ts';
import { Random } from './random.ts';
import { TRADE } from './trade.ts';

describe('PartyBook', () => {
  it('remakes an evicted party identically and emits each party once', () => {
    const book = new PartyBook(9, 50_000, DEFAULT_RATES, TRADE.sellerShares, 2);
    const rng = new Random(9);
    const seen = new Map<string, string>();
    const emitted = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const importer = book.importer(rng, i % 2 ? '090111' : '847130');
      const seller = book.seller(rng, 'CN', '847130', importer);
      for (const r of [importer, seller, book.declarantFor(rng, importer)]) {
        const json = JSON.stringify(r.party);
        assert.equal(seen.get(r.party.id) ?? json, json, `${r.party.id} changed after eviction`);
        seen.set(r.party.id, json);
      }
      for (const p of book.take()) emitted.set(p.id, (emitted.get(p.id) ?? 0) + 1);
    }
    assert.deepEqual([...emitted.keys()].sort(), [...seen.keys()].sort());
    assert.ok([...emitted.values()].every((n) => n === 1));
  });

  it('gives the same parties for the same seed whatever the cache size', () => {
    const draw = (bits: number) => {
      const book = new PartyBook(4, 20_000, DEFAULT_RATES, TRADE.sellerShares, bits);
      const rng = new Random(4);
      return Array.from({ length: 500 }, () => JSON.stringify(book.importer(rng, '020230').party));
    };
    assert.deepEqual(draw(2), draw(17));
  });
});
