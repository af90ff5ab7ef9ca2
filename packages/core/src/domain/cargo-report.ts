import { z } from 'zod';
import { countryCode, dateTime, hsCode, identifier, nonNegative, text, unLocode } from './codes.ts';
import { containerSchema } from './declaration.ts';
import { addressSchema, partySchema } from './party.ts';

/** A container on a manifest, with what the targeting rules need to know about it. */
export const manifestContainerSchema = containerSchema.extend({
  /** Maximum payload of the container in kg, as marked on its CSC plate. */
  maxPayloadKg: nonNegative.optional(),
  /** Reefer, tank, open top...: whether the container suits the goods is a risk indicator. */
  refrigerated: z.boolean().optional(),
});
export type ManifestContainer = z.infer<typeof manifestContainerSchema>;

const consignmentFields = {
  /** Bill of lading or house bill number (WCO 99A/D018 as transport document). */
  number: identifier(35),
  shipper: partySchema,
  consignee: partySchema,
  notifyParty: partySchema.optional(),
  goodsDescription: text(512),
  hsCode: hsCode.optional(),
  packages: z.strictObject({ count: nonNegative, type: identifier(4).optional() }).optional(),
  grossMassKg: nonNegative.optional(),
  containers: z.array(manifestContainerSchema).optional(),
  placeOfReceipt: unLocode.optional(),
  placeOfLoading: unLocode.optional(),
  placeOfDischarge: unLocode.optional(),
  placeOfDelivery: unLocode.optional(),
  /** Ports the consignment passed through after loading, in order. */
  transshipmentPorts: z.array(unLocode).optional(),
  deliveryAddress: addressSchema.optional(),
};

/** A house consignment under a master bill. */
export const houseConsignmentSchema = z.strictObject(consignmentFields);
export type HouseConsignment = z.infer<typeof houseConsignmentSchema>;

/** A bill of lading (master consignment) with its house consignments. */
export const billOfLadingSchema = z.strictObject({
  ...consignmentFields,
  houseConsignments: z.array(houseConsignmentSchema).optional(),
});
export type BillOfLading = z.infer<typeof billOfLadingSchema>;

/**
 * A cargo report (manifest) from a carrier: one conveyance on one voyage and
 * the bills of lading it carries into the customs territory.
 */
export const cargoReportSchema = z.strictObject({
  id: identifier(35),
  version: z.number().int({ message: 'expected a whole number' }).positive({ message: 'expected 1 or more' }),
  reportedAt: dateTime,
  office: identifier(17).optional(),
  carrier: partySchema,
  conveyance: z.strictObject({
    id: identifier(35),
    name: text(70).optional(),
    mode: identifier(3).optional(),
    nationality: countryCode.optional(),
  }),
  voyage: identifier(35),
  expectedArrival: dateTime.optional(),
  bills: z.array(billOfLadingSchema).min(1, { message: 'expected at least one bill of lading' }),
});
export type CargoReport = z.infer<typeof cargoReportSchema>;
