import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type SipKey, sipHash24 } from './siphash.ts';

// Key 00 01 .. 0f, as in the reference implementation's test vectors.
const KEY: SipKey = [0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c];
const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => i);
const hex = ([hi, lo]: [number, number]) =>
  hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');

describe('SipHash-2-4', () => {
  test('matches the reference vectors', () => {
    assert.equal(hex(sipHash24(KEY, bytes(0))), '726fdb47dd0e0e31');
    assert.equal(hex(sipHash24(KEY, bytes(1))), '74f839c593dc67fd');
    // The example of the SipHash paper: a 15-byte message.
    assert.equal(hex(sipHash24(KEY, bytes(15))), 'a129ca6149be45e5');
  });

  test('depends on every byte of the key', () => {
    const other: SipKey = [0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0d];
    assert.notEqual(hex(sipHash24(KEY, bytes(8))), hex(sipHash24(other, bytes(8))));
  });
});
