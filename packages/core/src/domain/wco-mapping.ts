/**
 * One table from Sieve's field names to the WCO Data Model (3.x) elements.
 * `wcoPath` is the pointer path in the WCO DM (Declaration 42A, GoodsShipment
 * 67A, GovernmentAgencyGoodsItem 68A...), `wcoId` the data element or class
 * ID at its end, `format` the WCO format where one is defined. `wcoId: null`
 * marks a field with no WCO element. A test checks every path against the WCO
 * DM subset in ../shared/data/wco-dm.
 */
export interface WcoMappingEntry {
  readonly record:
    | 'declaration'
    | 'item'
    | 'party'
    | 'transport'
    | 'document'
    | 'cargo-report'
    | 'inspection';
  readonly field: string;
  readonly wcoPath: string | null;
  readonly wcoId: string | null;
  readonly wcoName: string | null;
  readonly format?: string;
  readonly note?: string;
}

const e = (
  record: WcoMappingEntry['record'],
  field: string,
  wcoPath: string | null,
  wcoName: string | null,
  format?: string,
  note?: string,
): WcoMappingEntry =>
  Object.freeze({
    record,
    field,
    wcoPath,
    wcoId: wcoPath ? (wcoPath.split('/').at(-1) ?? null) : null,
    wcoName,
    format,
    note,
  });

export const WCO_MAPPING: readonly WcoMappingEntry[] = Object.freeze([
  e('declaration', 'id', '42A/D014', 'ID', 'an..35', 'LRN or MRN'),
  e('declaration', 'version', null, null, 'n..3', 'amendment number; WCO models amendments as 42A/06A'),
  e('declaration', 'type', '42A/D013', 'TypeCode', 'an..3'),
  e('declaration', 'procedure', '42A/67A/68A/70A/166', 'CurrentCode', 'an..7'),
  e('declaration', 'office', '42A/065', 'DeclarationOfficeID', 'an..17'),
  e('declaration', 'lodgedAt', '42A/023', 'AcceptanceDateTime', 'an..35'),
  e('declaration', 'declarant', '42A/57B', 'Declarant'),
  e('declaration', 'declarant.id', '42A/57B/R123', 'ID', 'an..17'),
  e('declaration', 'declarant.name', '42A/57B/R124', 'Name', 'an..70'),
  e('declaration', 'importer', '42A/67A/74A', 'Importer'),
  e('declaration', 'importer.id', '42A/67A/74A/R038', 'ID', 'an..17'),
  e('declaration', 'importer.name', '42A/67A/74A/R037', 'Name', 'an..70'),
  e('declaration', 'exporter', '42A/57A', 'Exporter'),
  e('declaration', 'exporter.id', '42A/57A/R032', 'ID', 'an..17'),
  e('declaration', 'exporter.name', '42A/57A/R031', 'Name', 'an..70'),
  e('declaration', 'seller', '42A/67A/09B', 'Seller'),
  e('declaration', 'seller.id', '42A/67A/09B/R051', 'ID', 'an..17'),
  e('declaration', 'seller.name', '42A/67A/09B/R050', 'Name', 'an..70'),
  e('declaration', 'consignee', '42A/67A/27A', 'Consignee'),
  e('declaration', 'consignee.id', '42A/67A/27A/R015', 'ID', 'an..17'),
  e('declaration', 'consignee.name', '42A/67A/27A/R014', 'Name', 'an..70'),
  e('declaration', 'carrier', '42A/28A/18A', 'Carrier'),
  e('declaration', 'carrier.id', '42A/28A/18A/R012', 'ID', 'an..17'),
  e('declaration', 'carrier.name', '42A/28A/18A/R011', 'Name', 'an..70'),
  e('declaration', 'transportMode', '42A/15A/T022', 'ModeCode', 'n1'),
  e('declaration', 'dispatchCountry', '42A/67A/95B', 'ExportCountry', 'a2'),
  e('declaration', 'tradeTerms.incoterm', '42A/67A/22B/090', 'ConditionCode', 'a3'),
  e('declaration', 'tradeTerms.place', '42A/67A/22B/L001', 'LocationName', 'an..35'),
  e('declaration', 'currency', '42A/40A/135', 'CurrencyTypeCode', 'a3'),
  e('declaration', 'invoiceAmount', '42A/109', 'InvoiceAmount', 'n..16,2'),
  e(
    'declaration',
    'customsValue',
    '42A/67A/41A',
    'CustomsValuation',
    'n..16,2',
    'sum of item customs values',
  ),
  e(
    'declaration',
    'dutiesDeclared',
    '42A/67A/68A/23A/50A/94A/120',
    'TaxAssessedAmount',
    'n..16,2',
    'summed over items',
  ),
  e('declaration', 'attributes', null, null, undefined, 'national fields with no WCO element'),
  e('item', 'sequence', '42A/67A/68A/006', 'SequenceNumeric', 'n..5'),
  e('item', 'hsCode', '42A/67A/68A/23A/21A/145', 'ID', 'an..18'),
  e('item', 'description', '42A/67A/68A/23A/137', 'Description', 'an..512'),
  e('item', 'origin', '42A/67A/68A/92A/063', 'CountryCode', 'a2'),
  e('item', 'originIndicator', '42A/67A/68A/92A/501', 'TypeCode', 'n1'),
  e('item', 'preference', '42A/67A/68A/23A/50A/164', 'DutyRegimeCode', 'an..3'),
  e('item', 'quantity', '42A/67A/68A/23A/65A/130', 'TariffQuantity', 'n..16,6'),
  e(
    'item',
    'unit',
    null,
    null,
    'an..5',
    'unit of TariffQuantity (an attribute, not an element, in the WCO DM)',
  ),
  e('item', 'netMassKg', '42A/67A/68A/23A/65A/128', 'NetNetWeightMeasure', 'n..16,6'),
  e('item', 'grossMassKg', '42A/67A/68A/23A/65A/126', 'GrossMassMeasure', 'n..16,6'),
  e('item', 'value', '42A/67A/68A/108', 'CustomsValueAmount', 'n..16,2'),
  e('item', 'taxes[].type', '42A/67A/68A/23A/50A/113', 'TypeCode', 'an..3'),
  e('item', 'taxes[].rate', '42A/67A/68A/23A/50A/115', 'TaxRateNumeric', 'n..17,3'),
  e('item', 'taxes[].amount', '42A/67A/68A/23A/50A/94A/120', 'TaxAssessedAmount', 'n..16,2'),
  e('party', 'address.line', '42A/67A/74A/04A/239', 'Line', 'an..70'),
  e('party', 'address.city', '42A/67A/74A/04A/241', 'CityName', 'an..35'),
  e('party', 'address.country', '42A/67A/74A/04A/242', 'CountryCode', 'a2'),
  e('party', 'address.postcode', '42A/67A/74A/04A/245', 'PostcodeID', 'an..9'),
  e('party', 'address.subdivision', '42A/67A/74A/04A/243', 'CountrySubDivisionName', 'an..35'),
  e('party', 'country', null, null, 'a2', 'country of establishment; WCO has it only in the address'),
  e(
    'party',
    'identifiers',
    null,
    null,
    undefined,
    'additional identifiers (tax, AEO); WCO has one ID per role',
  ),
  e('transport', 'meansId', '42A/15A/T006', 'ID', 'an..35'),
  e('transport', 'meansName', '42A/15A/T005', 'Name', 'an..35'),
  e('transport', 'nationality', '42A/15A/T014', 'RegistrationNationalityCode', 'a2'),
  e(
    'transport',
    'voyage',
    null,
    null,
    'an..35',
    'conveyance reference number is outside the WCO DM subset shipped in ../shared',
  ),
  e('transport', 'containers[].id', '42A/67A/28A/31B/159', 'ID', 'an..17'),
  e('transport', 'containers[].seals[]', '42A/67A/28A/31B/44B/165', 'ID', 'an..20'),
  e('transport', 'containers[].type', null, null, 'an..4', 'ISO 6346 size and type code'),
  e('transport', 'portOfLoading', '42A/67A/28A/83A/L010', 'ID', 'an..17'),
  e(
    'transport',
    'portOfDischarge',
    null,
    null,
    'an..17',
    'unloading location is outside the shipped WCO DM subset',
  ),
  e('document', 'type', '42A/02A/D006', 'TypeCode', 'an..4'),
  e('document', 'reference', '42A/02A/D005', 'ID', 'an..70'),
  e(
    'cargo-report',
    'bills[].shipper',
    '42A/28A/30A',
    'Consignor',
    undefined,
    'shipper is the consignor on a manifest',
  ),
  e('cargo-report', 'bills[].consignee', '42A/67A/27A', 'Consignee'),
  e('cargo-report', 'bills[].containers[].id', '42A/67A/28A/31B/159', 'ID', 'an..17'),
  e('cargo-report', 'conveyance.id', '42A/67A/28A/10A/T002', 'ID', 'an..35', 'arrival transport means'),
  e('cargo-report', 'conveyance.name', '42A/67A/28A/10A/T001', 'Name', 'an..35'),
  e('cargo-report', 'bills[].placeOfLoading', '42A/67A/28A/83A/L010', 'ID', 'an..17'),
  e(
    'cargo-report',
    'bills[].transshipmentPorts',
    '42A/28A/81A/064',
    'RoutingCountryCode',
    'a2',
    'WCO itinerary holds countries; Sieve keeps ports',
  ),
  e('cargo-report', 'bills[].goodsDescription', '42A/67A/68A/23A/137', 'Description', 'an..512'),
  e('cargo-report', 'bills[].grossMassKg', '42A/131', 'TotalGrossMassMeasure', 'n..16,6'),
  e('cargo-report', 'bills[].packages.count', '42A/146', 'TotalPackageQuantity', 'n..8'),
  e('inspection', 'findings', null, null, undefined, 'control results are outside the WCO declaration model'),
]);
