/**
 * A hash table from a pair of small non-negative integers to a non-negative
 * integer, in typed arrays (open addressing, linear probing). Profiles of two
 * fields (importer with HS6) are looked up by the interned ids of both
 * fields: a Map keyed by strings would hash a string per lookup, and a Map of
 * Maps costs two lookups and a pointer chase per profile.
 *
 * @example
 * const t = new PairTable();
 * t.set(3, 7, 0);
 * t.get(3, 7) // 0
 * t.get(7, 3) // -1
 */
export class PairTable {
  // Slot i is entries[3i .. 3i + 2] = (a, b, value), value -1 when empty: one cache line per probe,
  // where three parallel arrays cost three cache misses per lookup in a large table.
  private entries: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 64) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.entries = emptyEntries(size);
    this.mask = size - 1;
  }

  /** The value stored for (a, b), or -1. */
  get(a: number, b: number): number {
    const { entries, mask } = this;
    let i = hashPair(a, b) & mask;
    for (;;) {
      const at = i * 3;
      const v = entries[at + 2]!;
      if (v < 0 || (entries[at] === a && entries[at + 1] === b)) return v;
      i = (i + 1) & mask;
    }
  }

  /** Stores a value (>= 0) for (a, b), replacing any previous one. */
  set(a: number, b: number, value: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const { entries, mask } = this;
    let i = hashPair(a, b) & mask;
    while (entries[i * 3 + 2]! >= 0 && !(entries[i * 3] === a && entries[i * 3 + 1] === b))
      i = (i + 1) & mask;
    const at = i * 3;
    if (entries[at + 2]! < 0) this.count++;
    entries[at] = a;
    entries[at + 1] = b;
    entries[at + 2] = value;
  }

  /** A copy that does not share storage. */
  clone(): PairTable {
    const copy = new PairTable(1);
    copy.entries = this.entries.slice();
    copy.mask = this.mask;
    copy.count = this.count;
    return copy;
  }

  private grow(): void {
    const old = this.entries;
    const size = (this.mask + 1) * 2;
    this.entries = emptyEntries(size);
    this.mask = size - 1;
    this.count = 0;
    for (let at = 0; at < old.length; at += 3)
      if (old[at + 2]! >= 0) this.set(old[at]!, old[at + 1]!, old[at + 2]!);
  }
}

function emptyEntries(size: number): Int32Array {
  const entries = new Int32Array(size * 3);
  for (let i = 2; i < entries.length; i += 3) entries[i] = -1;
  return entries;
}

// Integer mixing (multiply by odd constants, fold high bits down) so that consecutive ids spread over the table.
function hashPair(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x632be5ab, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}
