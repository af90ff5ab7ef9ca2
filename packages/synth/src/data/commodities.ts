/**
 * The commodity table: HS 2022 six-digit codes that a Korea-like
 * administration imports, with what the generator needs to make plausible
 * declarations. Values and rates are illustrative, close to Korean applied
 * MFN rates and world unit values in 2024, not a legal tariff: the point is
 * realistic spreads (a 0% laptop next to a 270% dried chili), so that value
 * and duty based risk rules have something to find.
 */

/** UN/ECE Recommendation 20 units used here: kilogram, number of articles, pair, litre. */
export type Unit = 'KGM' | 'NAR' | 'PR' | 'LTR';

/** ISO 6346 size-type of the usual container; `none` for ro-ro cargo (cars). */
export type ContainerType = '22G1' | '45G1' | '45R1' | 'none';

export interface Commodity {
  readonly hs: string;
  readonly description: string;
  readonly unit: Unit;
  /** Net kg per unit of `unit` (1 for KGM; litres of liquids count 1 kg). */
  readonly kgPerUnit: number;
  /** Typical customs (CIF) value in USD per kg net, before the origin factor. */
  readonly usdPerKg: number;
  /** Applied MFN duty, percent of customs value. */
  readonly duty: number;
  /** Origins: [country, share weight, price factor relative to usdPerKg]. */
  readonly origins: readonly (readonly [string, number, number?])[];
  /** Relative number of declarations (not value). */
  readonly weight: number;
  readonly container: ContainerType;
  /** Net kg in a full container of the usual type. */
  readonly loadKg: number;
  /** Share of shipments that fly (0..1). */
  readonly air: number;
  /** UN/ECE Recommendation 21 package type and net kg per package. */
  readonly pack: readonly [string, number];
  /** Anti-dumping duty on Chinese origin, percent: the target of origin-transshipment fraud. */
  readonly antiDumpingCN?: number;
  /** Lower-duty heading this commodity is misclassified under (description stays true). */
  readonly misdeclareAs?: string;
  /** A cover load for concealment of narcotics on source-country routes. */
  readonly cover?: boolean;
}

type Row = [
  hs: string,
  description: string,
  usdPerKg: number,
  duty: number,
  weight: number,
  origins: Commodity['origins'],
  shipping: [ContainerType, number, number, string, number],
  extra?: Partial<Pick<Commodity, 'unit' | 'kgPerUnit' | 'antiDumpingCN' | 'misdeclareAs' | 'cover'>>,
];

const dry20 = (load = 24000, air = 0, pack = 'CT', perPack = 20): Row[6] => [
  '22G1',
  load,
  air,
  pack,
  perPack,
];
const dry40 = (load = 18000, air = 0, pack = 'CT', perPack = 15): Row[6] => [
  '45G1',
  load,
  air,
  pack,
  perPack,
];
const reefer = (load = 25000, air = 0, pack = 'CT', perPack = 20): Row[6] => [
  '45R1',
  load,
  air,
  pack,
  perPack,
];

// biome-ignore format: a data table reads best one row per line
const ROWS: Row[] = [
  // Chapters 1-24: food and agriculture (high Korean duties on some lines)
  ['020230', 'Frozen boneless bovine meat', 7.5, 40, 12, [['US', 45], ['AU', 45, 0.9], ['NZ', 5], ['CA', 3], ['MX', 2]], reefer(26000)],
  ['020329', 'Frozen swine meat, cuts', 3.6, 25, 12, [['US', 30], ['ES', 20], ['CA', 15], ['NL', 10], ['CL', 10], ['DE', 8], ['DK', 7]], reefer(26000)],
  ['020714', 'Frozen cuts and offal of fowls', 2.3, 20, 6, [['BR', 80], ['US', 10], ['TH', 10, 1.4]], reefer(26000)],
  ['030389', 'Frozen fish, whole, not elsewhere specified', 2.4, 10, 10, [['RU', 30], ['CN', 20], ['VN', 15], ['NO', 10], ['PE', 10], ['EC', 8], ['US', 7]], reefer(26000), { cover: true }],
  ['030354', 'Frozen mackerel, whole', 1.6, 10, 4, [['NO', 90], ['GB', 10]], reefer(26000)],
  ['030494', 'Frozen Alaska pollock fillets', 3.0, 10, 5, [['RU', 60], ['US', 30], ['CN', 10]], reefer(25000)],
  ['030617', 'Frozen shrimps and prawns', 8.5, 20, 10, [['VN', 40], ['EC', 20, 0.9], ['TH', 15, 1.1], ['IN', 15, 0.85], ['CN', 10]], reefer(24000, 0.02), { cover: true }],
  ['030743', 'Frozen squid', 3.2, 22, 5, [['PE', 30], ['CN', 30], ['CL', 20], ['AR', 20]], reefer(25000)],
  ['040210', 'Milk powder, fat content not exceeding 1.5%', 3.8, 176, 3, [['NZ', 40], ['AU', 30], ['US', 20], ['DE', 10]], dry20(20000, 0, 'BG', 25), { misdeclareAs: '190190' }],
  ['040690', 'Cheese, other', 5.5, 36, 8, [['US', 35], ['NZ', 15], ['AU', 15], ['DE', 10], ['NL', 10], ['IT', 10, 2], ['FR', 5, 2]], reefer(22000, 0.02)],
  ['070320', 'Garlic, fresh or chilled', 1.4, 360, 2, [['CN', 95], ['ES', 5, 2]], reefer(26000, 0, 'BG', 20), { misdeclareAs: '071080' }],
  ['071080', 'Frozen vegetables, other', 1.1, 27, 6, [['CN', 75], ['VN', 15], ['US', 10, 1.6]], reefer(25000)],
  ['090421', 'Capsicum fruits, dried, neither crushed nor ground', 3.2, 270, 2, [['CN', 85], ['VN', 10], ['IN', 5]], dry40(16000, 0, 'BG', 20), { misdeclareAs: '071080' }],
  ['080390', 'Bananas, fresh', 0.85, 30, 10, [['PH', 70], ['EC', 12], ['VN', 8], ['GT', 5], ['CO', 5]], reefer(21000, 0, 'CT', 18), { cover: true }],
  ['080510', 'Oranges, fresh', 1.6, 50, 4, [['US', 80], ['AU', 10], ['ZA', 10]], reefer(24000, 0, 'CT', 17)],
  ['080610', 'Grapes, fresh', 3.2, 45, 4, [['CL', 60], ['PE', 20], ['US', 20, 1.3]], reefer(20000, 0.05, 'CT', 8)],
  ['080929', 'Cherries, fresh', 9.0, 24, 3, [['US', 80], ['NZ', 10, 1.3], ['AU', 10, 1.2]], reefer(20000, 0.6, 'CT', 5)],
  ['080212', 'Almonds, shelled', 7.5, 8, 3, [['US', 95], ['AU', 5]], dry20(20000, 0, 'CT', 23)],
  ['090111', 'Coffee, not roasted, not decaffeinated', 4.6, 2, 8, [['BR', 30], ['CO', 20, 1.15], ['VN', 20, 0.7], ['ET', 10, 1.3], ['PE', 8], ['HN', 6], ['GT', 6]], dry20(19200, 0, 'BG', 60), { cover: true }],
  ['090121', 'Coffee, roasted, not decaffeinated', 13, 8, 4, [['US', 40], ['IT', 25], ['CH', 10, 1.5], ['JP', 10], ['CO', 15, 0.8]], dry20(12000, 0.2, 'CT', 12)],
  ['120740', 'Sesamum seeds', 1.9, 630, 2, [['IN', 35], ['NG', 25], ['ET', 20], ['CN', 20]], dry20(22000, 0, 'BG', 50), { misdeclareAs: '120799' }],
  ['120799', 'Oil seeds and oleaginous fruits, other', 1.6, 30, 1, [['CN', 60], ['IN', 20], ['US', 20]], dry20(22000, 0, 'BG', 50)],
  ['121120', 'Ginseng roots, fresh or dried', 45, 222.8, 1, [['CN', 60], ['US', 20], ['CA', 20]], dry20(10000, 0.3, 'CT', 10), { misdeclareAs: '210690' }],
  ['150910', 'Virgin olive oil', 6.2, 5, 3, [['ES', 50], ['IT', 40, 1.2], ['GR', 10]], dry20(18000, 0, 'CT', 12)],
  ['170199', 'Cane or beet sugar, refined, other', 0.55, 30, 3, [['AU', 50], ['TH', 40], ['BR', 10]], dry20(25000, 0, 'BG', 50)],
  ['180100', 'Cocoa beans, whole or broken', 3.4, 2, 1.5, [['GH', 50], ['CI', 30], ['EC', 20]], dry20(20000, 0, 'BG', 62), { cover: true }],
  ['190190', 'Food preparations of malt extract or milk, other', 3.5, 8, 3, [['US', 30], ['NZ', 20], ['AU', 20], ['DE', 15], ['NL', 15]], dry20(20000, 0, 'BG', 25)],
  ['200911', 'Orange juice, frozen', 2.2, 54, 1.5, [['BR', 70], ['US', 20], ['MX', 10]], reefer(24000, 0, 'DR', 250)],
  ['210690', 'Food preparations not elsewhere specified', 7, 8, 7, [['US', 30], ['CN', 20], ['JP', 20], ['DE', 10], ['TW', 10], ['TH', 10]], dry20(15000, 0.1, 'CT', 10)],
  ['220300', 'Beer made from malt', 1.1, 30, 3, [['JP', 25], ['CN', 20], ['NL', 15], ['US', 10], ['BE', 10], ['DE', 10], ['IE', 10]], dry20(20000, 0, 'CT', 8), { unit: 'LTR' }],
  ['220421', 'Wine of fresh grapes, in containers of 2 l or less', 7, 15, 5, [['FR', 30, 2], ['CL', 25, 0.5], ['IT', 20], ['US', 15], ['AU', 5], ['ES', 5]], dry20(11000, 0.02, 'CT', 9), { unit: 'LTR' }],
  ['220830', 'Whiskies', 28, 20, 2, [['GB', 80], ['US', 10, 0.6], ['JP', 10, 1.8]], dry20(11000, 0.05, 'CT', 9), { unit: 'LTR' }],
  ['240220', 'Cigarettes containing tobacco', 40, 40, 1, [['ID', 30], ['JP', 30], ['PH', 20], ['CH', 20, 1.5]], dry40(9000, 0, 'CT', 10)],
  // Chapters 25-40: minerals, chemicals, plastics, rubber
  ['271019', 'Lubricating oils and preparations', 2.2, 7, 3, [['US', 30], ['SG', 30], ['JP', 20], ['DE', 20]], dry20(20000, 0, 'DR', 180)],
  ['293399', 'Heterocyclic compounds with nitrogen hetero-atoms, other', 60, 6.5, 3, [['CN', 50], ['IN', 25], ['JP', 10], ['DE', 10], ['US', 5]], dry20(12000, 0.3, 'DR', 25)],
  ['300490', 'Medicaments in measured doses, other', 250, 6.5, 5, [['US', 25], ['DE', 20], ['CH', 15], ['FR', 10], ['GB', 10], ['IE', 10], ['BE', 10]], reefer(8000, 0.7, 'CT', 8)],
  ['330499', 'Beauty or make-up preparations, other', 42, 6.5, 6, [['FR', 35, 1.6], ['US', 25], ['JP', 20], ['IT', 10], ['CN', 10, 0.4]], dry20(8000, 0.5, 'CT', 8)],
  ['340220', 'Washing and cleaning preparations, retail', 2.2, 6.5, 3, [['JP', 40], ['US', 20], ['CN', 20], ['DE', 20]], dry20(16000, 0, 'CT', 12)],
  ['390110', 'Polyethylene, specific gravity below 0.94', 1.3, 6.5, 3, [['SA', 35], ['US', 25], ['SG', 20], ['AE', 10], ['TH', 10]], dry40(24750, 0, 'BG', 25)],
  ['392062', 'Plates and film of polyethylene terephthalate', 2.6, 6.5, 2, [['CN', 60], ['JP', 20], ['TW', 10], ['ID', 10]], dry20(18000, 0, 'RO', 500), { antiDumpingCN: 12 }],
  ['392690', 'Articles of plastics, other', 9, 6.5, 8, [['CN', 65], ['JP', 10], ['US', 10], ['VN', 10], ['DE', 5]], dry40(9000, 0.15, 'CT', 10)],
  ['401110', 'New pneumatic tyres for motor cars', 4.2, 8, 4, [['CN', 50], ['JP', 20], ['TH', 10], ['ID', 10], ['VN', 10]], dry40(12000, 0, 'NE', 9), { unit: 'NAR', kgPerUnit: 9 }],
  // Chapters 41-67: leather, wood, paper, textiles, footwear
  ['420221', 'Handbags with outer surface of leather', 160, 8, 3, [['IT', 40, 2.5], ['FR', 35, 3], ['ES', 10], ['CN', 15, 0.15]], dry40(4000, 0.8, 'CT', 6), { unit: 'NAR', kgPerUnit: 0.9 }],
  ['440710', 'Coniferous wood sawn lengthwise, thicker than 6 mm', 0.35, 0, 2, [['NZ', 30], ['RU', 25], ['CL', 20], ['US', 15], ['CA', 10]], dry40(22000, 0, 'BE', 2000)],
  ['441231', 'Plywood with at least one outer ply of tropical wood', 0.72, 8, 3, [['CN', 40], ['VN', 30], ['MY', 20], ['ID', 10]], dry40(22000, 0, 'PX', 1200), { antiDumpingCN: 17 }],
  ['470329', 'Chemical wood pulp, bleached, non-coniferous', 0.72, 0, 2, [['BR', 35], ['CL', 25], ['US', 20], ['CA', 15], ['ID', 5]], dry40(25000, 0, 'BL', 250)],
  ['610910', 'T-shirts and singlets of cotton, knitted', 22, 13, 7, [['CN', 40], ['VN', 30], ['BD', 15], ['ID', 10], ['IT', 5, 3]], dry40(7000, 0.2, 'CT', 12), { unit: 'NAR', kgPerUnit: 0.2 }],
  ['611020', 'Jerseys and pullovers of cotton, knitted', 24, 13, 4, [['CN', 45], ['VN', 30], ['BD', 10], ['IT', 10, 3], ['GB', 5, 2]], dry40(7000, 0.15, 'CT', 12), { unit: 'NAR', kgPerUnit: 0.5 }],
  ['620342', "Men's trousers and shorts of cotton", 18, 13, 4, [['CN', 40], ['VN', 30], ['BD', 15], ['ID', 10], ['KH', 5]], dry40(8000, 0.1, 'CT', 14), { unit: 'NAR', kgPerUnit: 0.6 }],
  ['640399', 'Footwear with outer soles of rubber and uppers of leather, other', 38, 13, 4, [['VN', 30], ['IT', 30, 2.5], ['CN', 25, 0.7], ['ES', 10], ['ID', 5]], dry40(7000, 0.3, 'CT', 10), { unit: 'PR', kgPerUnit: 0.9 }],
  ['640411', 'Sports footwear with textile uppers', 22, 13, 4, [['VN', 60], ['CN', 20], ['ID', 20]], dry40(7000, 0.1, 'CT', 10), { unit: 'PR', kgPerUnit: 0.7 }],
  // Chapters 68-83: stone, ceramics, glass, base metals
  ['690722', 'Ceramic tiles, water absorption 0.5% to 10%', 0.55, 8, 3, [['CN', 60], ['ES', 20, 1.6], ['IT', 20, 2.2]], dry20(26000, 0, 'PX', 1000)],
  ['720851', 'Flat-rolled iron, not in coils, hot-rolled, over 10 mm', 0.72, 0, 2, [['JP', 50], ['CN', 40], ['TW', 10]], dry20(26000, 0, 'BE', 5000)],
  ['721049', 'Flat-rolled iron, zinc-coated, other', 0.95, 0, 2, [['CN', 60], ['JP', 30], ['TW', 10]], dry20(26000, 0, 'CL', 5000)],
  ['721633', 'H sections of iron, hot-rolled, 80 mm or more', 0.78, 0, 1.5, [['CN', 70], ['JP', 30]], dry40(26000, 0, 'BE', 4000), { antiDumpingCN: 28 }],
  ['721933', 'Flat-rolled stainless steel, cold-rolled, 1 to 3 mm', 2.3, 0, 2, [['CN', 50], ['JP', 20], ['TW', 15], ['ID', 15]], dry20(26000, 0, 'CL', 5000), { antiDumpingCN: 24 }],
  ['731815', 'Screws and bolts of iron or steel, other', 2.6, 8, 4, [['CN', 50], ['JP', 20], ['TW', 20], ['DE', 10, 2]], dry20(20000, 0.05, 'CT', 25)],
  ['740311', 'Refined copper cathodes', 9, 1, 1, [['CL', 50], ['PE', 20], ['AU', 15], ['ZA', 15]], dry20(25000, 0, 'BE', 2500)],
  ['760612', 'Aluminium alloy plates, rectangular, over 0.2 mm', 3.6, 8, 2, [['CN', 60], ['US', 10], ['JP', 10], ['DE', 10], ['IN', 10]], dry20(24000, 0, 'PX', 2000)],
  // Chapters 84-85: machinery and electrical equipment
  ['840999', 'Parts for compression-ignition engines', 16, 8, 5, [['JP', 35], ['DE', 25], ['US', 20], ['CN', 20, 0.6]], dry20(12000, 0.3, 'CS', 40)],
  ['841510', 'Air conditioning machines, window or wall types', 8.5, 8, 3, [['CN', 70], ['TH', 20], ['MY', 10]], dry40(9000, 0, 'CT', 35), { unit: 'NAR', kgPerUnit: 35 }],
  ['841821', 'Household refrigerators, compression-type', 4.5, 8, 2, [['CN', 50], ['TH', 20], ['US', 20], ['MX', 10]], dry40(8000, 0, 'CT', 70), { unit: 'NAR', kgPerUnit: 70 }],
  ['847130', 'Portable computers, not more than 10 kg', 160, 0, 6, [['CN', 85], ['VN', 10], ['TW', 5]], dry40(6000, 0.85, 'CT', 10), { unit: 'NAR', kgPerUnit: 2 }],
  ['847150', 'Processing units for computers', 90, 0, 3, [['CN', 40], ['US', 20], ['TW', 20], ['MY', 10], ['MX', 10]], dry40(7000, 0.6, 'CT', 24), { unit: 'NAR', kgPerUnit: 12 }],
  ['847330', 'Parts and accessories of computers', 65, 0, 6, [['CN', 45], ['TW', 20], ['MY', 15], ['US', 10], ['JP', 10]], dry40(8000, 0.7, 'CT', 12)],
  ['848180', 'Taps, cocks and valves, other', 22, 8, 4, [['DE', 25], ['JP', 25], ['US', 20], ['CN', 20, 0.5], ['IT', 10]], dry20(14000, 0.25, 'CS', 40)],
  ['848210', 'Ball bearings', 12, 8, 3, [['JP', 40], ['CN', 25, 0.5], ['DE', 20], ['SE', 15, 1.3]], dry20(18000, 0.1, 'CT', 20)],
  ['850440', 'Static converters', 26, 8, 5, [['CN', 60], ['JP', 10], ['DE', 10], ['US', 10], ['VN', 10]], dry40(8000, 0.4, 'CT', 12), { misdeclareAs: '847330' }],
  ['850760', 'Lithium-ion accumulators', 26, 8, 4, [['CN', 70], ['JP', 10], ['PL', 10], ['US', 10]], dry20(16000, 0.05, 'CT', 20)],
  ['851713', 'Smartphones', 320, 0, 5, [['CN', 60], ['VN', 30], ['IN', 5], ['US', 5]], dry40(5000, 0.9, 'CT', 10), { unit: 'NAR', kgPerUnit: 0.2 }],
  ['851762', 'Machines for the reception and transmission of data', 85, 0, 4, [['CN', 45], ['VN', 15], ['MY', 15], ['US', 15], ['MX', 10]], dry40(7000, 0.7, 'CT', 10)],
  ['852872', 'Television receivers, colour', 7, 8, 2, [['CN', 50], ['MX', 20], ['VN', 20], ['PL', 10]], dry40(8000, 0, 'CT', 15), { unit: 'NAR', kgPerUnit: 15 }],
  ['853690', 'Electrical apparatus for connecting circuits, 1000 V or less', 45, 8, 4, [['CN', 50], ['JP', 20], ['DE', 10], ['US', 10], ['MY', 10]], dry20(10000, 0.6, 'CT', 15)],
  ['853950', 'Light-emitting diode (LED) lamps', 16, 8, 3, [['CN', 90], ['VN', 10]], dry40(8000, 0.1, 'CT', 12)],
  ['854143', 'Photovoltaic cells assembled in modules', 5, 0, 2, [['CN', 95], ['VN', 5]], dry40(20000, 0, 'PX', 700)],
  ['854231', 'Processors and controllers, electronic integrated circuits', 2200, 0, 4, [['TW', 40], ['CN', 20], ['MY', 15], ['US', 10], ['JP', 10], ['VN', 5]], dry20(3000, 0.95, 'BX', 5)],
  ['854511', 'Carbon electrodes of a kind used for furnaces', 3.2, 8, 1, [['CN', 70], ['JP', 20], ['IN', 10]], dry20(24000, 0, 'CR', 1500), { antiDumpingCN: 13 }],
  // Chapters 86-97: vehicles, instruments, furniture, toys
  ['870323', 'Motor cars, spark-ignition, 1500 to 3000 cc', 24, 8, 3, [['DE', 50], ['US', 20], ['JP', 15], ['GB', 5], ['SE', 5], ['IT', 5, 2]], ['none', 0, 0, 'NE', 1600], { unit: 'NAR', kgPerUnit: 1600 }],
  ['870899', 'Parts and accessories of motor vehicles, other', 11, 8, 8, [['DE', 25], ['JP', 25], ['CN', 25, 0.6], ['US', 15], ['MX', 10]], dry20(14000, 0.15, 'CS', 30)],
  ['871200', 'Bicycles, not motorised', 13, 8, 2, [['CN', 60], ['TW', 30, 2], ['DE', 10, 3]], dry40(6000, 0, 'CT', 14), { unit: 'NAR', kgPerUnit: 14 }],
  ['901890', 'Medical, surgical or dental instruments, other', 140, 8, 4, [['US', 35], ['DE', 25], ['JP', 20], ['IE', 10], ['CN', 10, 0.3]], dry20(6000, 0.7, 'CT', 8)],
  ['910211', 'Wrist-watches, electrically operated, mechanical display', 260, 8, 2, [['CH', 40, 4], ['CN', 30, 0.15], ['JP', 20], ['HK', 10]], dry20(3000, 0.9, 'CT', 5), { unit: 'NAR', kgPerUnit: 0.1 }],
  ['940161', 'Seats with wooden frames, upholstered', 6, 8, 4, [['CN', 50], ['VN', 30], ['IT', 10, 3], ['PL', 10]], dry40(7000, 0, 'CT', 25)],
  ['940360', 'Wooden furniture, other', 3.6, 8, 5, [['VN', 45], ['CN', 30], ['MY', 10], ['ID', 10], ['IT', 5, 3]], dry40(8000, 0, 'CT', 30)],
  ['950300', 'Tricycles, dolls, puzzles and other toys', 11, 8, 5, [['CN', 90], ['VN', 5], ['DK', 5, 2]], dry40(7000, 0.1, 'CT', 10), { misdeclareAs: '392690' }],
  ['950691', 'Articles for general physical exercise, gymnastics', 4.2, 8, 2, [['CN', 70], ['TW', 30]], dry40(10000, 0, 'CT', 30)],
  ['961900', 'Sanitary towels, napkins and diapers', 3.8, 8, 2, [['JP', 40], ['CN', 30], ['US', 20], ['DE', 10]], dry40(6000, 0, 'CT', 8)],
];

function toCommodity([
  hs,
  description,
  usdPerKg,
  duty,
  weight,
  origins,
  shipping,
  extra = {},
]: Row): Commodity {
  const [container, loadKg, air, pack, perPack] = shipping;
  return Object.freeze({
    hs,
    description,
    unit: extra.unit ?? 'KGM',
    kgPerUnit: extra.kgPerUnit ?? 1,
    usdPerKg,
    duty,
    origins,
    weight,
    container,
    loadKg,
    air,
    pack: [pack, perPack] as const,
    antiDumpingCN: extra.antiDumpingCN,
    misdeclareAs: extra.misdeclareAs,
    cover: extra.cover,
  });
}

/** Every commodity the generator ships. */
export const COMMODITIES: readonly Commodity[] = Object.freeze(ROWS.map(toCommodity));

const byHs = new Map(COMMODITIES.map((x) => [x.hs, x]));

/** The commodity for an HS6 code; throws on a code the table does not carry (a data bug). */
export function commodity(hs: string): Commodity {
  const found = byHs.get(hs);
  if (!found) throw new Error(`synth: HS ${hs} is not in data/commodities.ts`);
  return found;
}
