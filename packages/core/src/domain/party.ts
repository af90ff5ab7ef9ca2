import { z } from 'zod';
import { countryCode, identifier, text } from './codes.ts';

/** A postal address (WCO class 04A). */
export const addressSchema = z.strictObject({
  line: text(256).optional(),
  city: text(70).optional(),
  postcode: text(17).optional(),
  subdivision: text(35).optional(),
  country: countryCode.optional(),
});
export type Address = z.infer<typeof addressSchema>;

/** An identifier a party is known by: tax number, EORI, AEO certificate, passport. */
export const partyIdentifierSchema = z.strictObject({
  scheme: identifier(17),
  value: identifier(35),
});
export type PartyIdentifier = z.infer<typeof partyIdentifierSchema>;

/**
 * A trader, carrier or person taking part in a movement of goods.
 * Parties are first-class: the same `id` across declarations is the same party,
 * so risk profiles and lookouts attach to it.
 *
 * @example { id: 'KR1234567890', name: 'Hanbit Trading Co.', country: 'KR' }
 */
export const partySchema = z.strictObject({
  id: identifier(35),
  name: text(256).optional(),
  address: addressSchema.optional(),
  country: countryCode.optional(),
  identifiers: z.array(partyIdentifierSchema).optional(),
});
export type Party = z.infer<typeof partySchema>;

/** The roles a party can hold on a declaration or a manifest. */
export const PARTY_ROLES = [
  'declarant',
  'importer',
  'exporter',
  'seller',
  'buyer',
  'consignee',
  'consignor',
  'carrier',
  'shipper',
  'notifyParty',
] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
