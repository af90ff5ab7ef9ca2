/**
 * Trading partners of the (Korea-like) importing administration: ports and
 * airports as real UN/LOCODEs, the region a vessel service comes from, the
 * language party names are drawn in, the Korean FTA tax-type code where one
 * applies, and a few cities for addresses. Self-contained on purpose: the
 * generator must run without ../shared.
 */

/** Where a vessel service to Korea starts; one voyage carries cargo from one region. */
export type Region = 'kr' | 'cn' | 'jp' | 'sea' | 'in' | 'me' | 'eu' | 'na' | 'latam' | 'oce' | 'ru' | 'af';

/** Languages (and scripts) of generated party names; see data/names.ts. */
export type NameLang =
  | 'ko'
  | 'zh'
  | 'ja'
  | 'vi'
  | 'ru'
  | 'ar'
  | 'es'
  | 'pt'
  | 'en'
  | 'de'
  | 'fr'
  | 'it'
  | 'nl'
  | 'ms'
  | 'th'
  | 'hi';

export interface CountryInfo {
  readonly code: string;
  readonly name: string;
  readonly region: Region;
  readonly lang: NameLang;
  /**
   * Ports of loading for sea freight to Korea, main port first. `"COCTG>PAMIT"`
   * means loaded at Cartagena and transshipped at Manzanillo (Panama).
   */
  readonly sea: readonly string[];
  /** Inland place of receipt for landlocked origins (goods trucked to the port of loading). */
  readonly receipt?: string;
  /** Airport (UN/LOCODE of the city) for air freight; none: this origin ships by sea only. */
  readonly air?: string;
  /** Korean FTA preference (modelled on KCS tax-type codes such as FCN1, FEU1); none: MFN only. */
  readonly fta?: string;
  /** Cities for addresses: [city, postcode pattern (# digit, A letter), subdivision]. */
  readonly cities: readonly (readonly [string, string, string?])[];
}

const c = (
  code: string,
  name: string,
  region: Region,
  lang: NameLang,
  sea: readonly string[],
  cities: CountryInfo['cities'],
  extra: { air?: string; fta?: string; receipt?: string } = {},
): CountryInfo => Object.freeze({ code, name, region, lang, sea, cities, ...extra });

const EU = 'FEU1';
const ASEAN = 'FAS1';

/** Every origin in the commodity table, plus Korea itself (for importers and brokers). */
// biome-ignore format: a data table reads best one row per line
export const COUNTRIES: readonly CountryInfo[] = Object.freeze([
  c('KR', 'Korea, Republic of', 'kr', 'ko', [], [['Seoul', '#####', 'Seoul'], ['Busan', '#####', 'Busan'], ['Incheon', '#####', 'Incheon'], ['Suwon', '#####', 'Gyeonggi-do'], ['Ansan', '#####', 'Gyeonggi-do'], ['Hwaseong', '#####', 'Gyeonggi-do'], ['Pyeongtaek', '#####', 'Gyeonggi-do'], ['Daegu', '#####', 'Daegu'], ['Changwon', '#####', 'Gyeongsangnam-do'], ['Ulsan', '#####', 'Ulsan'], ['Cheonan', '#####', 'Chungcheongnam-do'], ['Gimpo', '#####', 'Gyeonggi-do']]),
  c('CN', 'China', 'cn', 'zh', ['CNSHA', 'CNNGB', 'CNSHK', 'CNYTN', 'CNTAO', 'CNTXG', 'CNXMN', 'CNDLC'], [['Shanghai', '######'], ['Ningbo', '######', 'Zhejiang'], ['Shenzhen', '######', 'Guangdong'], ['Guangzhou', '######', 'Guangdong'], ['Qingdao', '######', 'Shandong'], ['Xiamen', '######', 'Fujian'], ['Tianjin', '######'], ['Yiwu', '######', 'Zhejiang'], ['Dongguan', '######', 'Guangdong']], { air: 'CNSHA', fta: 'FCN1' }),
  c('HK', 'Hong Kong', 'cn', 'zh', ['HKHKG'], [['Hong Kong', '']], { air: 'HKHKG' }),
  c('TW', 'Taiwan', 'cn', 'zh', ['TWKHH', 'TWKEL'], [['Taipei', '###'], ['Kaohsiung', '###'], ['Taichung', '###']], { air: 'TWTPE' }),
  c('JP', 'Japan', 'jp', 'ja', ['JPTYO', 'JPYOK', 'JPOSA', 'JPUKB', 'JPNGO', 'JPHKT'], [['Tokyo', '###-####'], ['Osaka', '###-####'], ['Yokohama', '###-####'], ['Nagoya', '###-####'], ['Fukuoka', '###-####']], { air: 'JPTYO', fta: 'FRC1' }),
  c('VN', 'Viet Nam', 'sea', 'vi', ['VNSGN', 'VNHPH'], [['Ho Chi Minh City', '######'], ['Hai Phong', '######'], ['Binh Duong', '######'], ['Ha Noi', '######']], { air: 'VNSGN', fta: 'FVN1' }),
  c('MY', 'Malaysia', 'sea', 'ms', ['MYPKG', 'MYTPP', 'MYPEN'], [['Kuala Lumpur', '#####'], ['Shah Alam', '#####', 'Selangor'], ['Johor Bahru', '#####', 'Johor'], ['Penang', '#####']], { air: 'MYKUL', fta: ASEAN }),
  c('SG', 'Singapore', 'sea', 'en', ['SGSIN'], [['Singapore', '######']], { air: 'SGSIN', fta: ASEAN }),
  c('TH', 'Thailand', 'sea', 'th', ['THLCH', 'THBKK'], [['Bangkok', '#####'], ['Chonburi', '#####'], ['Samut Prakan', '#####']], { air: 'THBKK', fta: ASEAN }),
  c('ID', 'Indonesia', 'sea', 'ms', ['IDJKT', 'IDSUB'], [['Jakarta', '#####'], ['Surabaya', '#####'], ['Bekasi', '#####']], { air: 'IDJKT', fta: ASEAN }),
  c('PH', 'Philippines', 'sea', 'en', ['PHMNL', 'PHDVO'], [['Manila', '####'], ['Davao City', '####'], ['Cebu City', '####']], { fta: ASEAN }),
  c('KH', 'Cambodia', 'sea', 'en', ['KHKOS>SGSIN'], [['Phnom Penh', '#####']], { fta: ASEAN }),
  c('BD', 'Bangladesh', 'in', 'hi', ['BDCGP>SGSIN'], [['Dhaka', '####'], ['Chattogram', '####'], ['Gazipur', '####']]),
  c('IN', 'India', 'in', 'hi', ['INNSA', 'INMAA', 'INMUN'], [['Mumbai', '######'], ['Chennai', '######'], ['Ahmedabad', '######'], ['Tiruppur', '######']], { air: 'INBOM', fta: 'FIN1' }),
  c('SA', 'Saudi Arabia', 'me', 'ar', ['SAJED', 'SADMM'], [['Jeddah', '#####'], ['Riyadh', '#####'], ['Jubail', '#####']]),
  c('AE', 'United Arab Emirates', 'me', 'ar', ['AEJEA'], [['Dubai', ''], ['Sharjah', ''], ['Abu Dhabi', '']], { air: 'AEDXB' }),
  c('RU', 'Russian Federation', 'ru', 'ru', ['RUVVO', 'RUNJK'], [['Vladivostok', '######'], ['Nakhodka', '######'], ['Moscow', '######']]),
  c('US', 'United States', 'na', 'en', ['USLAX', 'USLGB', 'USOAK', 'USSEA', 'USTIW', 'USNYC>PABLB'], [['Los Angeles', '#####', 'CA'], ['Chicago', '#####', 'IL'], ['Seattle', '#####', 'WA'], ['Houston', '#####', 'TX'], ['Newark', '#####', 'NJ']], { air: 'USLAX', fta: 'FUS1' }),
  c('CA', 'Canada', 'na', 'en', ['CAVAN', 'CAPRR'], [['Vancouver', 'A#A #A#', 'BC'], ['Toronto', 'A#A #A#', 'ON'], ['Calgary', 'A#A #A#', 'AB']], { air: 'CAVAN', fta: 'FCA1' }),
  c('MX', 'Mexico', 'na', 'es', ['MXZLO', 'MXLZC'], [['Guadalajara', '#####'], ['Monterrey', '#####'], ['Manzanillo', '#####']], { air: 'MXMEX' }),
  c('CL', 'Chile', 'latam', 'es', ['CLSAI', 'CLVAP'], [['Santiago', '#######'], ['Valparaíso', '#######'], ['Rancagua', '#######']], { fta: 'FCL1' }),
  c('PE', 'Peru', 'latam', 'es', ['PECLL', 'PECLL>PABLB', 'PEPAI>PABLB'], [['Lima', '#####'], ['Callao', '#####'], ['Piura', '#####']], { fta: 'FPE1' }),
  c('EC', 'Ecuador', 'latam', 'es', ['ECGYE', 'ECGYE>PABLB', 'ECPBO>MXZLO'], [['Guayaquil', '######'], ['Machala', '######'], ['Quito', '######']]),
  c('CO', 'Colombia', 'latam', 'es', ['COBUN', 'COCTG>PAMIT', 'COSMR>PAMIT'], [['Bogotá', '######'], ['Medellín', '######'], ['Cali', '######'], ['Barranquilla', '######']], { fta: 'FCO1' }),
  c('BR', 'Brazil', 'latam', 'pt', ['BRSSZ>SGSIN', 'BRPNG>SGSIN', 'BRRIG>SGSIN'], [['São Paulo', '#####-###'], ['Santos', '#####-###'], ['Curitiba', '#####-###']]),
  c('AR', 'Argentina', 'latam', 'es', ['ARBUE>SGSIN'], [['Buenos Aires', 'A####AAA'], ['Rosario', 'A####AAA']]),
  c('GT', 'Guatemala', 'latam', 'es', ['GTPRQ', 'GTSTC>PAMIT'], [['Guatemala City', '#####'], ['Escuintla', '#####']], { fta: 'FCA2' }),
  c('HN', 'Honduras', 'latam', 'es', ['HNPCR>PAMIT'], [['San Pedro Sula', '#####'], ['Tegucigalpa', '#####']], { fta: 'FCA2' }),
  c('AU', 'Australia', 'oce', 'en', ['AUSYD', 'AUMEL', 'AUBNE', 'AUFRE'], [['Sydney', '####', 'NSW'], ['Melbourne', '####', 'VIC'], ['Brisbane', '####', 'QLD']], { air: 'AUSYD', fta: 'FAU1' }),
  c('NZ', 'New Zealand', 'oce', 'en', ['NZAKL', 'NZTRG'], [['Auckland', '####'], ['Tauranga', '####'], ['Christchurch', '####']], { air: 'NZAKL', fta: 'FNZ1' }),
  c('GB', 'United Kingdom', 'eu', 'en', ['GBFXT', 'GBSOU'], [['London', 'AA# #AA'], ['Manchester', 'A## #AA'], ['Glasgow', 'A## #AA']], { air: 'GBLON', fta: 'FGB1' }),
  c('DE', 'Germany', 'eu', 'de', ['DEHAM', 'DEBRV'], [['Hamburg', '#####'], ['Stuttgart', '#####'], ['Munich', '#####'], ['Düsseldorf', '#####']], { air: 'DEFRA', fta: EU }),
  c('NL', 'Netherlands', 'eu', 'nl', ['NLRTM'], [['Rotterdam', '#### AA'], ['Amsterdam', '#### AA'], ['Eindhoven', '#### AA']], { air: 'NLAMS', fta: EU }),
  c('BE', 'Belgium', 'eu', 'nl', ['BEANR'], [['Antwerp', '####'], ['Brussels', '####'], ['Ghent', '####']], { fta: EU }),
  c('FR', 'France', 'eu', 'fr', ['FRLEH', 'FRFOS'], [['Paris', '#####'], ['Lyon', '#####'], ['Bordeaux', '#####'], ['Marseille', '#####']], { air: 'FRPAR', fta: EU }),
  c('IT', 'Italy', 'eu', 'it', ['ITGOA', 'ITSPE'], [['Milan', '#####'], ['Bologna', '#####'], ['Florence', '#####'], ['Naples', '#####']], { air: 'ITMIL', fta: EU }),
  c('ES', 'Spain', 'eu', 'es', ['ESVLC', 'ESALG', 'ESBCN'], [['Madrid', '#####'], ['Valencia', '#####'], ['Barcelona', '#####'], ['Murcia', '#####']], { fta: EU }),
  c('GR', 'Greece', 'eu', 'en', ['GRPIR'], [['Athens', '### ##'], ['Thessaloniki', '### ##']], { fta: EU }),
  c('PL', 'Poland', 'eu', 'en', ['PLGDN>DEHAM'], [['Warsaw', '##-###'], ['Gdańsk', '##-###'], ['Wrocław', '##-###']], { fta: EU }),
  c('SE', 'Sweden', 'eu', 'en', ['SEGOT>DEHAM'], [['Gothenburg', '### ##'], ['Stockholm', '### ##']], { fta: EU }),
  c('DK', 'Denmark', 'eu', 'en', ['DKAAR>DEHAM'], [['Aarhus', '####'], ['Copenhagen', '####']], { fta: EU }),
  c('IE', 'Ireland', 'eu', 'en', ['IEDUB>NLRTM'], [['Dublin', 'A## AAAA'], ['Cork', 'A## AAAA']], { fta: EU }),
  c('NO', 'Norway', 'eu', 'en', ['NOAES>NLRTM', 'NOOSL>DEHAM'], [['Ålesund', '####'], ['Oslo', '####'], ['Bergen', '####']], { fta: 'FEF1' }),
  c('CH', 'Switzerland', 'eu', 'de', ['NLRTM', 'DEHAM'], [['Zurich', '####'], ['Basel', '####'], ['Geneva', '####']], { air: 'CHZRH', fta: 'FEF1', receipt: 'CHBSL' }),
  c('ZA', 'South Africa', 'af', 'en', ['ZADUR>SGSIN'], [['Durban', '####'], ['Johannesburg', '####'], ['Cape Town', '####']]),
  c('ET', 'Ethiopia', 'af', 'en', ['DJJIB'], [['Addis Ababa', '####']], { receipt: 'ETADD' }),
  c('GH', 'Ghana', 'af', 'en', ['GHTEM>SGSIN'], [['Accra', ''], ['Tema', ''], ['Kumasi', '']]),
  c('CI', "Côte d'Ivoire", 'af', 'fr', ['CIABJ>SGSIN'], [['Abidjan', ''], ['San-Pédro', '']]),
  c('NG', 'Nigeria', 'af', 'en', ['NGAPP>SGSIN'], [['Lagos', '######'], ['Kano', '######']]),
]);

const byCode = new Map(COUNTRIES.map((x) => [x.code, x]));

/** The country record for an ISO code; throws on a code the tables do not carry (a data bug). */
export function country(code: string): CountryInfo {
  const found = byCode.get(code);
  if (!found) throw new Error(`synth: country ${code} is not in data/countries.ts`);
  return found;
}

/** Transshipment ports with weak container security, used by the concealment pattern. */
export const WEAK_HUBS: readonly string[] = Object.freeze(['PAMIT', 'PABLB', 'MXZLO', 'JMKIN']);

/** Countries that are sources of cocaine on the concealment pattern's routes. */
export const SOURCE_COUNTRIES: readonly string[] = Object.freeze(['CO', 'EC', 'PE', 'BR']);
