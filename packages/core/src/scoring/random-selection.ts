import { type SipKey, sipHash24 } from './siphash.ts';

const encoder = new TextEncoder();
// Fixed key for turning a seed text into a SipHash key; secrecy lies in the seed.
const DERIVATION: SipKey = [0x53564549, 0x45564549, 0x2d52414e, 0x444f4d31];

/**
 * Draws a declaration's random number in [0, 1) from the seed and the
 * declaration's id and version only: never from its content or score, so a
 * random selection is independent of risk by construction, and the same seed
 * gives the same draw however often and in whatever order declarations are
 * scored. With a long secret seed (`sieve` generates 128 bits when none is
 * given) traders cannot predict the draw.
 *
 * @example const draw = randomDrawer('9f2c...'); draw('DEC-1', 1) < 0.02 // drawn at a 2% rate
 */
export function randomDrawer(seed: string): (id: string, version: number) => number {
  const key = seedKey(seed);
  let buffer = new Uint8Array(128);
  return (id, version) => {
    const text = `${id}\u001f${version}`;
    // Encoding into one reused buffer: a fresh array per declaration cost more than the hash.
    if (text.length * 3 > buffer.length) buffer = new Uint8Array(text.length * 3);
    const { written } = encoder.encodeInto(text, buffer);
    const [hi, lo] = sipHash24(key, buffer, written);
    // Top 53 bits of the 64-bit output: every double in [0, 1) on a 2^-53 grid.
    return (hi * 2 ** 21 + (lo >>> 11)) / 2 ** 53;
  };
}

/**
 * The SipHash key for a seed: 32 hexadecimal digits are the key itself;
 * any other text is hashed into one.
 *
 * @example seedKey('000102030405060708090a0b0c0d0e0f') // [0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c]
 */
export function seedKey(seed: string): SipKey {
  if (/^[0-9a-f]{32}$/i.test(seed)) {
    const w = (i: number) => {
      // Little-endian bytes, as the reference implementation reads its key.
      const b = (j: number) => Number.parseInt(seed.slice(2 * (i + j), 2 * (i + j) + 2), 16);
      return (b(0) | (b(1) << 8) | (b(2) << 16) | (b(3) << 24)) >>> 0;
    };
    return [w(0), w(4), w(8), w(12)];
  }
  const bytes = encoder.encode(seed);
  const [a, b] = sipHash24(DERIVATION, bytes);
  const [c, d] = sipHash24([DERIVATION[3], DERIVATION[2], DERIVATION[1], DERIVATION[0]], bytes);
  return [b, a, d, c];
}
