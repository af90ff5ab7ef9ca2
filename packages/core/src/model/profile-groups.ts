import type { DeclarationFacts, EntityField } from './declaration-facts.ts';

/**
 * A risk profile kept over history: one field (the importer) or a
 * combination (the importer with the HS6 code). `party` groups also give
 * newcomer and recency features; `band` groups keep the distribution of log
 * unit value, so a declaration can be placed against its value band.
 */
export interface ProfileGroup {
  readonly name: string;
  readonly fields: readonly EntityField[];
  readonly party?: boolean;
  readonly band?: boolean;
  readonly critical?: boolean;
}

/**
 * The profiles the model keeps, in feature order. Changing this list changes
 * the feature set version. Importer-, declarant- and seller-pair profiles
 * (importer+HS4, importer+origin, declarant+importer, seller+importer,
 * declarant+HS6, seller+HS6) were tried and dropped: together under 2% of
 * the split gain on KCS, yet the largest tables (~40k profiles each), which
 * cost scoring time and model size.
 */
export const PROFILE_GROUPS: readonly ProfileGroup[] = [
  { name: 'importer', fields: ['importer'], party: true, band: true, critical: true },
  { name: 'declarant', fields: ['declarant'], party: true, critical: true },
  { name: 'seller', fields: ['seller'], party: true, band: true, critical: true },
  { name: 'carrier', fields: ['carrier'], party: true },
  { name: 'hs6', fields: ['hs6'], band: true, critical: true },
  { name: 'hs4', fields: ['hs4'], band: true },
  { name: 'hs2', fields: ['hs2'] },
  { name: 'origin', fields: ['origin'] },
  { name: 'dispatch', fields: ['dispatch'] },
  { name: 'office', fields: ['office'] },
  { name: 'procedure', fields: ['procedure'] },
  { name: 'transport', fields: ['transport'] },
  { name: 'taxType', fields: ['taxType'] },
  { name: 'originIndicator', fields: ['originIndicator'] },
  { name: 'processType', fields: ['processType'] },
  { name: 'importUse', fields: ['importUse'] },
  { name: 'paymentType', fields: ['paymentType'] },
  { name: 'importer+hs6', fields: ['importer', 'hs6'], band: true },
  { name: 'hs6+origin', fields: ['hs6', 'origin'], band: true },
  { name: 'hs4+origin', fields: ['hs4', 'origin'] },
  { name: 'office+hs6', fields: ['office', 'hs6'] },
  { name: 'declarant+office', fields: ['declarant', 'office'] },
  { name: 'origin+dispatch', fields: ['origin', 'dispatch'] },
  { name: 'hs6+taxType', fields: ['hs6', 'taxType'] },
];

const SEP = '\u001f'; // same as KEY_SEP in profile-state.ts

/**
 * The profile key of a declaration in each group (undefined when a field is
 * absent, e.g. no carrier), in {@link PROFILE_GROUPS} order.
 *
 * @example profileKeys(facts)[0] // 'QLRUBN9'
 */
export function profileKeys(f: DeclarationFacts, groups: readonly ProfileGroup[] = PROFILE_GROUPS) {
  const keys: (string | undefined)[] = new Array(groups.length);
  for (let g = 0; g < groups.length; g++) {
    const fields = groups[g]!.fields;
    let key: string | undefined = f.ids[fields[0]!];
    for (let i = 1; i < fields.length && key !== undefined; i++) {
      const v = f.ids[fields[i]!];
      key = v === undefined ? undefined : key + SEP + v;
    }
    keys[g] = key;
  }
  return keys;
}
