/**
 * Customs offices of the importing administration and the carriers that
 * bring goods to them. Office codes are modelled on the three-digit office
 * codes of the Korea Customs Service (030 Busan, 040 Incheon Airport...);
 * carrier and airline names are invented.
 */

/** UN/ECE Recommendation 19 mode of transport: 1 sea, 4 air. */
export type Mode = '1' | '4';

export interface Office {
  readonly code: string;
  readonly name: string;
  /** UN/LOCODE of the port or airport of discharge the office serves. */
  readonly port: string;
  readonly mode: Mode;
  /** Share of declarations lodged at the office. */
  readonly weight: number;
}

export const OFFICES: readonly Office[] = Object.freeze([
  { code: '030', name: 'Busan Customs', port: 'KRPUS', mode: '1', weight: 35 },
  { code: '040', name: 'Incheon Airport Customs', port: 'KRICN', mode: '4', weight: 30 },
  { code: '020', name: 'Incheon Customs', port: 'KRINC', mode: '1', weight: 14 },
  { code: '062', name: 'Pyeongtaek Customs', port: 'KRPTK', mode: '1', weight: 8 },
  { code: '080', name: 'Ulsan Customs', port: 'KRUSN', mode: '1', weight: 7 },
  { code: '073', name: 'Gwangyang Customs', port: 'KRKAN', mode: '1', weight: 6 },
] as const);

export interface Carrier {
  /** Party id of the carrier. */
  readonly id: string;
  readonly name: string;
  readonly country: string;
  /** Four-letter code that prefixes its bills (like a SCAC) or three-digit air waybill prefix. */
  readonly code: string;
  /** ISO 6346 owner code of its containers (three letters; the category letter U is added). */
  readonly owner: string;
  /** Vessel name prefix, or IATA-like two-letter flight designator for airlines. */
  readonly fleet: string;
  /** Flags its ships fly (flags of convenience are the norm). */
  readonly flags: readonly string[];
  /** Relative share of voyages. */
  readonly weight: number;
}

const sea = (
  id: string,
  name: string,
  country: string,
  code: string,
  owner: string,
  fleet: string,
  flags: string[],
  weight: number,
): Carrier => Object.freeze({ id, name, country, code, owner, fleet, flags, weight });

export const SEA_CARRIERS: readonly Carrier[] = Object.freeze([
  sea('CAR-HNML', 'Hanmaru Line Co., Ltd.', 'KR', 'HNML', 'HNM', 'HANMARU', ['KR', 'PA', 'MH'], 20),
  sea('CAR-BANC', 'Blue Anchor Container Line', 'SG', 'BANC', 'BAC', 'BLUE ANCHOR', ['SG', 'LR'], 16),
  sea('CAR-OSCL', 'Orient Star Container Lines', 'HK', 'OSCL', 'OSC', 'ORIENT STAR', ['HK', 'PA'], 14),
  sea('CAR-NPAC', 'North Pacific Shipping Co.', 'JP', 'NPAC', 'NPS', 'NORTH PACIFIC', ['JP', 'PA'], 10),
  sea('CAR-EUMS', 'Euromar Shipping A/S', 'DK', 'EUMS', 'EMR', 'EUROMAR', ['DK', 'MT', 'LR'], 10),
  sea('CAR-TRSL', 'Transandina Lines S.A.', 'CL', 'TRSL', 'TSL', 'TRANSANDINA', ['CL', 'PA', 'LR'], 6),
  sea('CAR-SEJS', 'Sejin Shipping Co., Ltd.', 'KR', 'SEJS', 'SJS', 'SEJIN', ['KR', 'PA'], 8),
  sea('CAR-GDWV', 'Goldwave Maritime Ltd', 'GR', 'GDWV', 'GWM', 'GOLDWAVE', ['GR', 'MH', 'LR'], 6),
  sea('CAR-CNCS', 'Coastal China Shipping Co., Ltd.', 'CN', 'CNCS', 'CCS', 'COASTAL', ['CN', 'HK'], 10),
]);

export const AIRLINES: readonly Carrier[] = Object.freeze([
  sea('CAR-HBAC', 'Hanbit Air Cargo', 'KR', '901', 'HBA', 'HX', ['KR'], 30),
  sea('CAR-SKPA', 'Skyport Airlines', 'KR', '902', 'SKP', 'KS', ['KR'], 20),
  sea('CAR-PEAX', 'Pearl Express Airways', 'HK', '903', 'PEA', 'PX', ['HK'], 15),
  sea('CAR-EUAF', 'Euro Airfreight GmbH', 'DE', '904', 'EUA', 'EF', ['DE'], 12),
  sea('CAR-TPAC', 'Transpacific Air Cargo Inc.', 'US', '905', 'TPA', 'TP', ['US'], 12),
  sea('CAR-DRAG', 'Golden Dragon Cargo Airlines', 'CN', '906', 'GDA', 'GD', ['CN'], 11),
]);

/** Aircraft registration prefix by country of the airline. */
export const AIRCRAFT_PREFIX: Readonly<Record<string, string>> = Object.freeze({
  KR: 'HL',
  HK: 'B-K',
  DE: 'D-A',
  US: 'N',
  CN: 'B-',
});

/** Suffixes of vessel names ("HANMARU BUSAN"). */
export const VESSEL_SUFFIXES: readonly string[] = Object.freeze([
  'BUSAN',
  'GLORY',
  'PIONEER',
  'HARMONY',
  'SPIRIT',
  'VISION',
  'FORTUNE',
  'HORIZON',
  'VENTURE',
  'TRADER',
  'STAR',
  'PRIDE',
  'ENDEAVOUR',
  'EXPRESS',
  'CONCORD',
  'DAWN',
]);

/** ISO 6346 size-type codes with the maximum payload (kg) usually marked on their CSC plate. */
export const CONTAINER_PAYLOAD: ReadonlyMap<string, number> = new Map([
  ['22G1', 28200],
  ['42G1', 26700],
  ['45G1', 26500],
  ['45R1', 29000],
]);
