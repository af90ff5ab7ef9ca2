import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { newDeclaration, newItem, newParty } from '../testing/factories.ts';
import { declarationSchema } from './declaration.ts';
import { isCanonicalDeclaration } from './fast-validate.ts';

const TRICKY: unknown[] = [
  ' KRPUS',
  'krpus',
  'KR PUS',
  'KRPUS',
  'XXABC',
  '0901.21',
  '090121',
  '12345',
  '2026-03-01',
  '2026-03-01T09:00:00Z',
  '2026-02-30T00:00:00.000Z',
  '2026-03-01T09:00:00.000Z',
  ' ID ',
  '',
  '\u00a0X',
  'X\n',
  'ok',
  -1,
  0,
  1.5,
  3,
  null,
  'XX',
  'ZZ',
  'KR',
  'usd',
  'USD',
  {},
  [],
  true,
  'FOB',
  'fob',
  'a'.repeat(600),
];

type Json = Record<string, unknown> | unknown[];

// Every path to a value inside a JSON object, so a mutation can land anywhere.
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [prefix];
  const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
  return [prefix, ...entries.flatMap(([k, x]) => paths(x, [...prefix, k]))];
}

function setAt(root: Json, path: (string | number)[], value: unknown): void {
  let cur = root as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) cur = cur[step] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}

const base = () =>
  structuredClone(
    newDeclaration({
      importer: newParty({ address: { line: '1 Pier Rd', city: 'Busan', country: 'KR' } }),
      items: [newItem(), newItem({ sequence: 2, hsCode: '8517130000', origin: 'CN' })],
      transport: {
        meansId: 'IMO9321483',
        portOfLoading: 'COCTG',
        containers: [{ id: 'MSCU1234565', seals: ['S1'] }],
      },
      tradeTerms: { incoterm: 'FOB', place: 'Cartagena' },
      attributes: { paymentType: '11' },
    }),
  ) as Json;

describe('fast declaration validation', () => {
  it('accepts a canonical declaration', () => {
    assert.equal(isCanonicalDeclaration(base()), true);
  });

  it('never accepts what zod would reject or change', () => {
    const mutation = fc.record({
      which: fc.nat(),
      value: fc.oneof(
        fc.constantFrom(...TRICKY),
        fc.constant(undefined),
        fc.string(),
        fc.double({ noNaN: true }),
      ),
      extraKey: fc.option(fc.constantFrom('dispatchCountyr', 'Kind', 'extra'), { freq: 5 }),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const d = base();
        for (const m of mutations) {
          const all = paths(d).filter((p) => p.length > 0);
          const p = all[m.which % all.length]!;
          // An extra key goes into an object, never onto an array (JSON cannot say that).
          const parentIsArray = typeof p.at(-1) === 'number';
          setAt(d, m.extraKey && !parentIsArray ? [...p.slice(0, -1), m.extraKey] : p, m.value);
        }
        if (!isCanonicalDeclaration(d)) return;
        const z = declarationSchema.safeParse(d);
        assert.ok(z.success, `fast path accepted what zod rejects: ${JSON.stringify(z.error?.issues)}`);
        assert.deepEqual(z.data, d, 'fast path accepted what zod changes');
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('leaves non-canonical but valid input to zod, which normalises it', () => {
    const d = base() as Record<string, unknown>;
    d.lodgedAt = '2026-03-01';
    assert.equal(isCanonicalDeclaration(d), false);
    assert.equal(declarationSchema.parse(d).lodgedAt, '2026-03-01T00:00:00.000Z');
  });
});
