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
  private keysA: Int32Array;
  private keysB: Int32Array;
  private values: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 64) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keysA = new Int32Array(size);
    this.keysB = new Int32Array(size);
    this.values = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  /** The value stored for (a, b), or -1. */
  get(a: number, b: number): number {
    const { keysA, keysB, values, mask } = this;
    let i = hashPair(a, b) & mask;
    for (;;) {
      const v = values[i]!;
      if (v < 0 || (keysA[i] === a && keysB[i] === b)) return v;
      i = (i + 1) & mask;
    }
  }

  /** Stores a value (>= 0) for (a, b), replacing any previous one. */
  set(a: number, b: number, value: number): void {
    if ((this.count + 1) * 2 > this.values.length) this.grow();
    const { keysA, keysB, values, mask } = this;
    let i = hashPair(a, b) & mask;
    while (values[i]! >= 0 && !(keysA[i] === a && keysB[i] === b)) i = (i + 1) & mask;
    if (values[i]! < 0) this.count++;
    keysA[i] = a;
    keysB[i] = b;
    values[i] = value;
  }

  /** A copy that does not share storage. */
  clone(): PairTable {
    const copy = new PairTable(1);
    copy.keysA = this.keysA.slice();
    copy.keysB = this.keysB.slice();
    copy.values = this.values.slice();
    copy.mask = this.mask;
    copy.count = this.count;
    return copy;
  }

  private grow(): void {
    const { keysA, keysB, values } = this;
    const size = values.length * 2;
    this.keysA = new Int32Array(size);
    this.keysB = new Int32Array(size);
    this.values = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.count = 0;
    for (let i = 0; i < values.length; i++) if (values[i]! >= 0) this.set(keysA[i]!, keysB[i]!, values[i]!);
  }
}

// Integer mixing (multiply by odd constants, fold high bits down) so that consecutive ids spread over the table.
function hashPair(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x632be5ab, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}
