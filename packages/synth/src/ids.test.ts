import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { airWaybill, businessNumber, code7, containerNumber, imoNumber } from './ids.ts';

describe('identifiers', () => {
  it('computes the ISO 6346 check digit (the standard example CSQU3054383)', () => {
    assert.equal(containerNumber('CSQ', 305438), 'CSQU3054383');
  });

  it('computes the IMO check digit (IMO 9074729)', () => {
    assert.equal(imoNumber(907472), 'IMO9074729');
  });

  it('writes air waybills with the mod-7 check digit', () => {
    assert.equal(airWaybill('180', 1234567), '180-12345675');
  });

  it('computes the Korean business registration check digit (124-81-00998)', () => {
    assert.equal(businessNumber(124810099), '124-81-00998');
  });

  it('gives distinct 7-character codes to distinct indices', () => {
    const codes = new Set(Array.from({ length: 20_000 }, (_, i) => code7(i, 12345)));
    assert.equal(codes.size, 20_000);
    for (const c of [...codes].slice(0, 50)) assert.match(c, /^[0-9A-Z]{7}$/);
  });
});
