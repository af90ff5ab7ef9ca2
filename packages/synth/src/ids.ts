/**
 * Identifiers in the formats customs officers see, with real check digits
 * (ISO 6346 containers, IMO ship numbers, IATA air waybills, Korean business
 * registration numbers), so that format checks in Sieve can be tested on
 * generated data.
 */

const ALPHABET_CODES = Array.from('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', (c) => c.charCodeAt(0));

/**
 * A bijection on 32-bit integers keyed by `salt`: distinct indices give
 * distinct codes, and the code does not reveal the index (so a party's id
 * says nothing about its rank or whether it is on a lookout list).
 */
export function permute(index: number, salt: number): number {
  let x = (index ^ salt) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * A 7-character code (digits and capitals) unique for each index under one salt,
 * like the anonymised party codes of KCS data ("QLRUBN9").
 *
 * @example code7(12, 99) // 'H3K0QZ2' (for instance)
 */
export function code7(index: number, salt: number): string {
  let x = permute(index, salt);
  const d6 = ALPHABET_CODES[x % 36] as number;
  x = Math.floor(x / 36);
  const d5 = ALPHABET_CODES[x % 36] as number;
  x = Math.floor(x / 36);
  const d4 = ALPHABET_CODES[x % 36] as number;
  x = Math.floor(x / 36);
  const d3 = ALPHABET_CODES[x % 36] as number;
  x = Math.floor(x / 36);
  const d2 = ALPHABET_CODES[x % 36] as number;
  x = Math.floor(x / 36);
  const d1 = ALPHABET_CODES[x % 36] as number;
  x = Math.floor(x / 36);
  // One string, not seven concatenations: every bill number goes through here.
  return String.fromCharCode(ALPHABET_CODES[x % 36] as number, d1, d2, d3, d4, d5, d6);
}

/** ISO 6346 letter values by char code (A=10, B=12...: multiples of 11 are skipped). */
const LETTER_VALUES: Int8Array = (() => {
  const values = new Int8Array(91);
  let v = 10;
  for (let code = 65; code <= 90; code++) {
    if (v % 11 === 0) v++;
    values[code] = v++;
  }
  return values;
})();

/**
 * An ISO 6346 container number: owner code, category U, six-digit serial and check digit.
 *
 * @example containerNumber('CSQ', 305438) // 'CSQU3054383'
 */
export function containerNumber(owner: string, serial: number): string {
  const body = `${owner}U${String(serial % 1_000_000).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const code = body.charCodeAt(i);
    const value = code < 58 ? code - 48 : (LETTER_VALUES[code] as number);
    sum += value << i;
  }
  return `${body}${(sum % 11) % 10}`;
}

/**
 * An IMO ship identification number with its check digit.
 *
 * @example imoNumber(932148) // 'IMO9321483'
 */
export function imoNumber(six: number): string {
  const digits = String(six % 1_000_000).padStart(6, '0');
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(digits[i]) * (7 - i);
  return `IMO${digits}${sum % 10}`;
}

/**
 * An IATA air waybill number: airline prefix, seven-digit serial, check digit (serial mod 7).
 *
 * @example airWaybill('180', 1234567) // '180-12345675'
 */
export function airWaybill(prefix: string, serial: number): string {
  const s = serial % 10_000_000;
  return `${prefix}-${String(s).padStart(7, '0')}${s % 7}`;
}

/**
 * A Korean business registration number (사업자등록번호) with its check digit.
 *
 * @example businessNumber(123456789) // '123-45-67891'
 */
export function businessNumber(nine: number): string {
  const body = `${nine % 1_000_000_000}`.padStart(9, '0');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (body.charCodeAt(i) - 48) * (BRN_WEIGHTS[i] as number);
  sum += Math.floor(((body.charCodeAt(8) - 48) * 5) / 10);
  const all = `${body}${(10 - (sum % 10)) % 10}`;
  return `${all.slice(0, 3)}-${all.slice(3, 5)}-${all.slice(5)}`;
}

const BRN_WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5];

/** `n` zero-padded to `width` digits. */
export function pad(n: number, width: number): string {
  const s = `${n}`;
  return s.length >= width ? s : ZEROS.slice(0, width - s.length) + s;
}

const ZEROS = '000000000000000000000000';
