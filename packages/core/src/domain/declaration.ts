import { z } from 'zod';
import {
  countryCode,
  currencyCode,
  dateTime,
  hsCode,
  identifier,
  nonNegative,
  text,
  unLocode,
} from './codes.ts';
import { partySchema } from './party.ts';

/** Duty or tax declared for an item (WCO class 50A DutyTaxFee). */
export const dutyTaxSchema = z.strictObject({
  type: identifier(8),
  rate: nonNegative.optional(),
  amount: nonNegative.optional(),
});
export type DutyTax = z.infer<typeof dutyTaxSchema>;

/** One goods item of a declaration (WCO class 68A GovernmentAgencyGoodsItem). */
export const declarationItemSchema = z.strictObject({
  sequence: z
    .number()
    .int({ message: 'expected a whole number' })
    .positive({ message: 'expected 1 or more' }),
  hsCode,
  description: text(512).optional(),
  origin: countryCode.optional(),
  /** How origin was established or indicated (WCO 92A/501 TypeCode; e.g. certificate, marking). */
  originIndicator: identifier(4).optional(),
  /** Tariff preference claimed (WCO 50A/164 DutyRegimeCode). */
  preference: identifier(4).optional(),
  quantity: nonNegative.optional(),
  unit: identifier(8).optional(),
  netMassKg: nonNegative.optional(),
  grossMassKg: nonNegative.optional(),
  /** Item value in the declaration currency (WCO 68A/108 CustomsValueAmount). */
  value: nonNegative,
  taxes: z.array(dutyTaxSchema).optional(),
});
export type DeclarationItem = z.infer<typeof declarationItemSchema>;

/** A seal on a container (WCO 44B). */
export const containerSchema = z.strictObject({
  id: identifier(17),
  /** ISO 6346 size and type code, e.g. 22G1 (20 ft general purpose), 45R1 (40 ft high-cube reefer). */
  type: identifier(4).optional(),
  seals: z.array(identifier(35)).optional(),
});
export type Container = z.infer<typeof containerSchema>;

/** Transport of the goods (WCO 15A BorderTransportMeans, 31B TransportEquipment, 83A LoadingLocation). */
export const transportSchema = z.strictObject({
  meansId: identifier(35).optional(),
  meansName: text(70).optional(),
  nationality: countryCode.optional(),
  voyage: identifier(35).optional(),
  containers: z.array(containerSchema).optional(),
  portOfLoading: unLocode.optional(),
  portOfDischarge: unLocode.optional(),
});
export type Transport = z.infer<typeof transportSchema>;

/** A supporting document: invoice, certificate of origin, licence, permit (WCO 02A AdditionalDocument). */
export const supportingDocumentSchema = z.strictObject({
  type: identifier(4),
  reference: identifier(70),
});
export type SupportingDocument = z.infer<typeof supportingDocumentSchema>;

/** Trade terms (WCO 22B): Incoterms code and place. */
export const tradeTermsSchema = z.strictObject({
  incoterm: z
    .string()
    .regex(/^[A-Z]{3}$/, { message: 'expected a three-letter Incoterms code such as "FOB"' }),
  place: text(70).optional(),
});

/**
 * A goods declaration lodged with customs. `(id, version)` identifies it: an
 * amendment is a new version of the same id. Field to WCO Data Model IDs: see
 * {@link WCO_MAPPING}.
 *
 * @example parseDeclaration({ id: 'D1', version: 1, ... })
 */
export const declarationSchema = z.strictObject({
  id: identifier(35),
  version: z.number().int({ message: 'expected a whole number' }).positive({ message: 'expected 1 or more' }),
  /** Declaration type (WCO D013), e.g. "IM" import, "EX" export. */
  type: identifier(3),
  /** Customs procedure requested (WCO 70A/166), e.g. "4000" release for free circulation. */
  procedure: identifier(7),
  office: identifier(17),
  lodgedAt: dateTime,
  declarant: partySchema,
  importer: partySchema.optional(),
  exporter: partySchema.optional(),
  seller: partySchema.optional(),
  consignee: partySchema.optional(),
  carrier: partySchema.optional(),
  /** Mode of transport at the border (WCO T022; UN/ECE Rec. 19 or a national code list). */
  transportMode: identifier(3).optional(),
  dispatchCountry: countryCode.optional(),
  tradeTerms: tradeTermsSchema.optional(),
  currency: currencyCode,
  invoiceAmount: nonNegative.optional(),
  customsValue: nonNegative.optional(),
  /** Total duties and taxes declared, in `currency`. */
  dutiesDeclared: nonNegative.optional(),
  items: z.array(declarationItemSchema).min(1, { message: 'expected at least one goods item' }),
  transport: transportSchema.optional(),
  documents: z.array(supportingDocumentSchema).optional(),
  /** National fields with no WCO element (payment type, import use...). Keys are the administration's. */
  attributes: z.record(z.string(), z.string()).optional(),
});

/** A validated goods declaration. */
export type Declaration = z.infer<typeof declarationSchema>;
/** A declaration as received, before validation. */
export type DeclarationInput = z.input<typeof declarationSchema>;
