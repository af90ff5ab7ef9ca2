import type { Declaration, DeclarationItem } from '../domain/declaration.ts';
import type { InspectionResult } from '../domain/inspection.ts';
import type { Party } from '../domain/party.ts';

/**
 * Test factories: a valid record with overrides, so a test names only what it
 * is about. `newDeclaration({ importer: newParty({ country: 'CO' }) })`.
 */
export function newParty(overrides: Partial<Party> = {}): Party {
  return { id: 'KR-IMP-0001', name: 'Hanbit Trading Co., Ltd.', country: 'KR', ...overrides };
}

export function newItem(overrides: Partial<DeclarationItem> = {}): DeclarationItem {
  return {
    sequence: 1,
    hsCode: '090121',
    description: 'Roasted coffee, not decaffeinated',
    origin: 'CO',
    quantity: 1000,
    unit: 'KGM',
    netMassKg: 1000,
    grossMassKg: 1050,
    value: 8000,
    taxes: [{ type: 'A', rate: 8, amount: 640 }],
    ...overrides,
  };
}

export function newDeclaration(overrides: Partial<Declaration> = {}): Declaration {
  return {
    id: 'DEC-0001',
    version: 1,
    type: 'IM',
    procedure: '4000',
    office: 'KRPUS01',
    lodgedAt: '2026-03-01T09:00:00.000Z',
    declarant: newParty({ id: 'KR-DCL-0001', name: 'Busan Customs Brokers' }),
    importer: newParty(),
    seller: newParty({ id: 'CO-SEL-0001', name: 'Cafe Andino S.A.S.', country: 'CO' }),
    transportMode: '1',
    dispatchCountry: 'CO',
    currency: 'USD',
    invoiceAmount: 8000,
    customsValue: 8000,
    dutiesDeclared: 640,
    items: [newItem()],
    transport: { meansId: 'IMO9321483', voyage: '024E', portOfLoading: 'COCTG', portOfDischarge: 'KRPUS' },
    ...overrides,
  };
}

export function newInspection(overrides: Partial<InspectionResult> = {}): InspectionResult {
  return {
    id: 'INS-0001',
    declarationId: 'DEC-0001',
    declarationVersion: 1,
    inspector: 'officer.kim',
    startedAt: '2026-03-01T13:00:00.000Z',
    endedAt: '2026-03-01T14:30:00.000Z',
    kind: 'physical',
    outcome: 'no_finding',
    findings: [],
    ...overrides,
  };
}
