/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed pseudo-random function
 * on short messages. Sieve draws its random selections with it, so that a
 * trader who knows the algorithm but not the key cannot tell which
 * declarations will be drawn, while the same key always gives the same draw
 * (replay, idempotence). Written here because the core takes no Node
 * built-ins and no library offers it small and synchronous; 64-bit words are
 * kept as pairs of 32-bit halves, since BigInt is several times slower.
 */

/** A 128-bit SipHash key as four 32-bit words, little-endian: k0 = (w1 << 32) | w0, k1 = (w3 << 32) | w2. */
export type SipKey = readonly [number, number, number, number];

// State: v0..v3 as [hi, lo] pairs in one typed array, to avoid allocating per round.
const v = new Uint32Array(8);

function add(a: number, b: number): void {
  const lo = (v[a + 1]! + v[b + 1]!) >>> 0;
  const carry = lo < v[a + 1]! ? 1 : 0;
  v[a] = (v[a]! + v[b]! + carry) >>> 0;
  v[a + 1] = lo;
}

function rotl(a: number, n: number): void {
  const hi = v[a]!;
  const lo = v[a + 1]!;
  if (n === 32) {
    v[a] = lo;
    v[a + 1] = hi;
  } else if (n < 32) {
    v[a] = ((hi << n) | (lo >>> (32 - n))) >>> 0;
    v[a + 1] = ((lo << n) | (hi >>> (32 - n))) >>> 0;
  } else {
    const m = n - 32;
    v[a] = ((lo << m) | (hi >>> (32 - m))) >>> 0;
    v[a + 1] = ((hi << m) | (lo >>> (32 - m))) >>> 0;
  }
}

function xor(a: number, b: number): void {
  v[a] = (v[a]! ^ v[b]!) >>> 0;
  v[a + 1] = (v[a + 1]! ^ v[b + 1]!) >>> 0;
}

const V0 = 0;
const V1 = 2;
const V2 = 4;
const V3 = 6;

function round(): void {
  add(V0, V1);
  rotl(V1, 13);
  xor(V1, V0);
  rotl(V0, 32);
  add(V2, V3);
  rotl(V3, 16);
  xor(V3, V2);
  add(V0, V3);
  rotl(V3, 21);
  xor(V3, V0);
  add(V2, V1);
  rotl(V1, 17);
  xor(V1, V2);
  rotl(V2, 32);
}

function absorb(hi: number, lo: number): void {
  v[V3] = (v[V3]! ^ hi) >>> 0;
  v[V3 + 1] = (v[V3 + 1]! ^ lo) >>> 0;
  round();
  round();
  v[V0] = (v[V0]! ^ hi) >>> 0;
  v[V0 + 1] = (v[V0 + 1]! ^ lo) >>> 0;
}

/**
 * SipHash-2-4 of the first `length` bytes of `bytes` under `key`, as [high 32 bits, low 32 bits].
 *
 * @example sipHash24([0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c], new Uint8Array(0)) // [0x726fdb47, 0xdd0e0e31]
 */
export function sipHash24(key: SipKey, bytes: Uint8Array, length = bytes.length): [number, number] {
  const [k0lo, k0hi, k1lo, k1hi] = key;
  v[V0] = (k0hi ^ 0x736f6d65) >>> 0;
  v[V0 + 1] = (k0lo ^ 0x70736575) >>> 0;
  v[V1] = (k1hi ^ 0x646f7261) >>> 0;
  v[V1 + 1] = (k1lo ^ 0x6e646f6d) >>> 0;
  v[V2] = (k0hi ^ 0x6c796765) >>> 0;
  v[V2 + 1] = (k0lo ^ 0x6e657261) >>> 0;
  v[V3] = (k1hi ^ 0x74656462) >>> 0;
  v[V3 + 1] = (k1lo ^ 0x79746573) >>> 0;
  const n = length;
  const full = n - (n % 8);
  for (let i = 0; i < full; i += 8) {
    absorb(word(bytes, i + 4), word(bytes, i));
  }
  // Last block: the remaining bytes, and the length (mod 256) in the top byte.
  let lo = 0;
  let hi = (n & 0xff) << 24;
  for (let i = full; i < n; i++) {
    const shift = 8 * (i - full);
    if (shift < 32) lo |= bytes[i]! << shift;
    else hi |= bytes[i]! << (shift - 32);
  }
  absorb(hi >>> 0, lo >>> 0);
  v[V2 + 1] = (v[V2 + 1]! ^ 0xff) >>> 0;
  round();
  round();
  round();
  round();
  return [
    (v[V0]! ^ v[V1]! ^ v[V2]! ^ v[V3]!) >>> 0,
    (v[V0 + 1]! ^ v[V1 + 1]! ^ v[V2 + 1]! ^ v[V3 + 1]!) >>> 0,
  ];
}

function word(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
}
