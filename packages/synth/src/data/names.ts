import type { NameLang } from './countries.ts';

/**
 * Name parts for generated companies and people, in Latin script and, where
 * the language has one, its own script ([latin, native]). The pairs let the
 * generator write the same party in Hangul on one declaration and in
 * romanised form on a lookout list, which is what watchlist matching must cope
 * with. All names are invented combinations; any likeness to a real firm is chance.
 */
export type Part = readonly [latin: string, native?: string];

export interface LangNames {
  readonly roots: readonly Part[];
  readonly sectors: readonly Part[];
  /** City prefixes used in Chinese company names. */
  readonly places?: readonly Part[];
  readonly given: readonly Part[];
  readonly family: readonly Part[];
  readonly streets: readonly string[];
}

const p = (list: string): Part[] =>
  list.split('|').map((x) => {
    const [latin, native] = x.split('/');
    return native ? ([latin?.trim() ?? '', native.trim()] as const) : ([x.trim()] as const);
  });

const EN_STREETS = [
  'Harbour Road',
  'Industrial Avenue',
  'Commerce Street',
  'Market Street',
  'Station Road',
  'Park Lane',
  'Riverside Drive',
  'Enterprise Way',
];

export const NAMES: Readonly<Record<NameLang, LangNames>> = Object.freeze({
  ko: {
    roots: p(
      'Hanbit/한빛|Daesung/대성|Samil/삼일|Dongbang/동방|Seoyeon/서연|Haneul/하늘|Mirae/미래|Jinyang/진양|Pureun/푸른|Taeyang/태양|Geumsan/금산|Baekdu/백두|Saehan/새한|Daehan/대한|Nuri/누리|Gukje/국제|Haedong/해동|Yuil/유일|Woori/우리|Hanul/한울|Eunha/은하|Sejin/세진|Kumho/금호|Shinsung/신성|Dongil/동일|Hwasung/화성|Jeil/제일|Boram/보람',
    ),
    sectors: p(
      'Trading/무역|Industrial/산업|Logistics/물류|Foods/식품|Tech/테크|Global/글로벌|Corporation/상사|Chemical/화학|Steel/철강|Textile/섬유|Electronics/전자|Distribution/유통|Fisheries/수산|Pharm/제약',
    ),
    given: p(
      'Min-jun/민준|Seo-yeon/서연|Ji-hoon/지훈|Ha-eun/하은|Do-yoon/도윤|Ji-woo/지우|Hyun-woo/현우|Su-bin/수빈|Jae-won/재원|Yu-na/유나|Sung-min/성민|Eun-ji/은지|Dong-hyun/동현|Young-ho/영호|Kyung-soo/경수|Mi-young/미영|Sang-hoon/상훈|Jin-ho/진호',
    ),
    family: p(
      'Kim/김|Lee/이|Park/박|Choi/최|Jung/정|Kang/강|Cho/조|Yoon/윤|Jang/장|Lim/임|Han/한|Oh/오|Seo/서|Shin/신|Kwon/권|Hwang/황|Ahn/안|Song/송',
    ),
    streets: [
      'Teheran-ro',
      'Jungang-daero',
      'Sejong-daero',
      'Gongdan-ro',
      'Haean-ro',
      'Chungjang-daero',
      'Sandan-ro',
      'Gukhoe-daero',
      'Centum jungang-ro',
      'Songdo-gwahak-ro',
    ],
  },
  zh: {
    roots: p(
      'Haitian/海天|Jinlong/金龙|Hengda/恒达|Huamei/华美|Xinhua/新华|Tianli/天力|Hongyuan/宏远|Ruifeng/瑞丰|Dongfang/东方|Changsheng/长盛|Yongxin/永信|Guotai/国泰|Minfeng/民丰|Baoli/宝利|Xingda/兴达|Jiahe/嘉禾|Zhongxin/中信|Fuda/福达',
    ),
    sectors: p(
      'Import & Export/进出口|Trading/贸易|Industrial/实业|Technology/科技|Steel/钢铁|Wood Industry/木业|Electronics/电子|Foodstuffs/食品|Textile/纺织|Plastic Products/塑料制品|Ceramics/陶瓷|Aquatic Products/水产',
    ),
    places: p(
      'Ningbo/宁波|Shenzhen/深圳|Guangzhou/广州|Xiamen/厦门|Qingdao/青岛|Shanghai/上海|Yiwu/义乌|Tianjin/天津|Dongguan/东莞|Suzhou/苏州|Hangzhou/杭州|Foshan/佛山|Linyi/临沂|Dalian/大连',
    ),
    given: p(
      'Wei/伟|Fang/芳|Jie/杰|Min/敏|Jing/静|Lei/磊|Qiang/强|Yan/燕|Jun/军|Hui/慧|Xiaoming/小明|Jianguo/建国|Haiyan/海燕|Zhiqiang/志强',
    ),
    family: p('Wang/王|Li/李|Zhang/张|Liu/刘|Chen/陈|Yang/杨|Zhao/赵|Huang/黄|Zhou/周|Wu/吴|Xu/徐|Sun/孙'),
    streets: [
      'Binhai Road',
      'Jiefang Road',
      'Renmin Road',
      'Zhongshan Road',
      'Gangwan Avenue',
      'Huangpu Road',
      'Jinqiao Road',
      'Kaifa Avenue',
    ],
  },
  ja: {
    roots: p(
      'Sakura/桜|Yamato/大和|Fuji/富士|Asahi/旭|Taiyo/太陽|Tokai/東海|Kansai/関西|Hokuto/北斗|Meiwa/明和|Seiwa/清和|Daiichi/第一|Kyowa/協和',
    ),
    sectors: p(
      'Shoji/商事|Sangyo/産業|Bussan/物産|Denki/電機|Kogyo/工業|Seiko/精工|Shokuhin/食品|Kasei/化成',
    ),
    given: p('Hiroshi/博|Takeshi/武|Yuki/由紀|Kenji/健二|Akiko/明子|Naoko/直子|Satoshi/聡|Makoto/誠'),
    family: p(
      'Sato/佐藤|Suzuki/鈴木|Takahashi/高橋|Tanaka/田中|Watanabe/渡辺|Ito/伊藤|Yamamoto/山本|Nakamura/中村',
    ),
    streets: ['Shinkawa', 'Minato-machi', 'Nihonbashi', 'Umeda', 'Kaigan-dori', 'Sakae'],
  },
  vi: {
    roots: p(
      'Minh Phat/Minh Phát|Hoang Long/Hoàng Long|Thanh Cong/Thành Công|Phu Thai/Phú Thái|Viet Tien/Việt Tiến|An Phat/An Phát|Dai Nam/Đại Nam|Tan Thanh/Tân Thành|Sao Mai/Sao Mai|Hung Thinh/Hưng Thịnh|Phuc Loc/Phúc Lộc|Truong Son/Trường Sơn',
    ),
    sectors: p(
      'Trading/Thương mại|Import Export/Xuất nhập khẩu|Production/Sản xuất|Wood/Gỗ|Seafood/Thủy sản|Garment/May mặc|Steel/Thép',
    ),
    given: p(
      'Van Minh/Văn Minh|Thi Lan/Thị Lan|Duc Anh/Đức Anh|Quoc Bao/Quốc Bảo|Thi Hoa/Thị Hoa|Van Hung/Văn Hùng',
    ),
    family: p('Nguyen/Nguyễn|Tran/Trần|Le/Lê|Pham/Phạm|Hoang/Hoàng|Vu/Vũ|Dang/Đặng|Bui/Bùi'),
    streets: ['Nguyen Van Linh', 'Le Duan', 'Tran Hung Dao', 'Vo Van Kiet', 'Hai Ba Trung', 'Dien Bien Phu'],
  },
  ru: {
    roots: p(
      'Severnaya Zvezda/Северная звезда|Vostok/Восток|Baltika/Балтика|Primorye/Приморье|Sibir/Сибирь|Okean/Океан|Tranzit/Транзит|Almaz/Алмаз|Rassvet/Рассвет|Dalryba/Дальрыба|Zolotoy Rog/Золотой Рог|Amur/Амур',
    ),
    sectors: p('Trade/Торг|Export/Экспорт|Fish/Рыба|Les/Лес|Invest/Инвест'),
    given: p(
      'Sergei/Сергей|Alexei/Алексей|Dmitry/Дмитрий|Andrei/Андрей|Nikolai/Николай|Vladimir/Владимир|Igor/Игорь|Mikhail/Михаил',
    ),
    family: p(
      'Ivanov/Иванов|Smirnov/Смирнов|Kuznetsov/Кузнецов|Popov/Попов|Volkov/Волков|Sokolov/Соколов|Morozov/Морозов|Petrov/Петров|Lebedev/Лебедев',
    ),
    streets: [
      'Svetlanskaya ulitsa',
      'Aleutskaya ulitsa',
      'Portovaya ulitsa',
      'Leninsky prospekt',
      'Morskaya ulitsa',
    ],
  },
  ar: {
    roots: p(
      'Al Noor/النور|Al Safwa/الصفوة|Al Rashid/الراشد|Al Khaleej/الخليج|Al Fajr/الفجر|Al Baraka/البركة|Al Waha/الواحة|Al Amal/الأمل|Dar Al Salam/دار السلام|Al Mawarid/الموارد|Al Jazeera/الجزيرة',
    ),
    sectors: p(
      'General Trading/للتجارة العامة|Foodstuff Trading/لتجارة المواد الغذائية|Logistics/للخدمات اللوجستية|Electronics/للإلكترونيات|Petrochemicals/للبتروكيماويات',
    ),
    given: p(
      'Mohammed/محمد|Ahmed/أحمد|Ali/علي|Omar/عمر|Khalid/خالد|Yousef/يوسف|Hassan/حسن|Ibrahim/إبراهيم|Abdullah/عبدالله',
    ),
    family: p(
      'Al-Rashid/الراشد|Al-Mansouri/المنصوري|Haddad/حداد|Al-Harbi/الحربي|Nasser/ناصر|Al-Amin/الأمين|Al-Qahtani/القحطاني|Saleh/صالح',
    ),
    streets: ['Sheikh Zayed Road', 'King Fahd Road', 'Al Maktoum Street', 'Corniche Road', 'Port Road'],
  },
  es: {
    roots: p(
      'Andina|del Pacífico|Sol de Oro|La Esperanza|Montealegre|Río Verde|San Miguel|Costa Azul|Tierra Firme|El Dorado|Santa Lucía|Los Andes|Frutal del Sur|Mar Azul|Valle Grande',
    ),
    sectors: p(
      'Comercializadora|Exportadora|Agrícola|Frutas|Cafés|Pesquera|Distribuidora|Inversiones|Importadora',
    ),
    given: p(
      'Carlos|Andrés|Juan|Luis|José|María|Diego|Jorge|Fernando|Camilo|Alejandro|Sofía|Ana|Jhon|Wilson',
    ),
    family: p(
      'Gómez|Restrepo|Rodríguez|Martínez|López|García|Pérez|Castillo|Vargas|Torres|Ramírez|Herrera|Mendoza|Zambrano|Ortiz|Cárdenas',
    ),
    streets: [
      'Calle 50',
      'Avenida Central',
      'Carrera 7',
      'Calle del Puerto',
      'Avenida Las Américas',
      'Avenida 9 de Octubre',
      'Calle Real',
    ],
  },
  pt: {
    roots: p(
      'Boa Vista|Serra Verde|Santos|Oliveira|Horizonte|Vale do Sol|Aurora|Bandeirantes|Rio Claro|Nova Safra',
    ),
    sectors: p('Comércio|Exportação|Agropecuária|Alimentos|Café|Celulose'),
    given: p('João|Pedro|Lucas|Mariana|Ana|Rafael|Gustavo|Beatriz'),
    family: p('Silva|Santos|Oliveira|Souza|Pereira|Costa|Almeida|Ferreira'),
    streets: ['Avenida Paulista', 'Rua do Porto', 'Avenida Brasil', 'Rua XV de Novembro'],
  },
  en: {
    roots: p(
      'Northbridge|Silverline|Bluewater|Summit|Pioneer|Redwood|Crescent|Harbor|Keystone|Oakmont|Evergreen|Granite|Lakeside|Meridian|Atlas|Horizon|Southern Cross|Pacific Rim',
    ),
    sectors: p(
      'Trading|Supply|Industries|Foods|Logistics|Imports|Distribution|Components|Global|Brands|Exports|Resources',
    ),
    given: p('John|Michael|David|James|Robert|Sarah|Emily|Daniel|Thomas|Laura|Peter|Grace'),
    family: p('Smith|Johnson|Brown|Taylor|Wilson|Anderson|Clark|Walker|Wright|Mitchell|Evans|Turner'),
    streets: EN_STREETS,
  },
  de: {
    roots: p(
      'Nordstern|Rheintal|Alpen|Hanse|Elbe|Schwarzwald|Weser|Bergmann|Hoffmann|Schneider|Wagner|Zimmermann',
    ),
    sectors: p('Handels|Maschinenbau|Logistik|Technik|Chemie|Automotive|Feinmechanik'),
    given: p('Thomas|Michael|Andreas|Stefan|Jürgen|Katrin|Sabine|Matthias'),
    family: p('Müller|Schmidt|Schneider|Fischer|Weber|Meyer|Wagner|Becker|Schulz'),
    streets: ['Hafenstraße', 'Industriestraße', 'Bahnhofstraße', 'Hauptstraße', 'Am Sandtorkai'],
  },
  fr: {
    roots: p('Lefèvre|Moreau|Laurent|Dubois|Rivière|Lumière|Provence|Atlantique|Beaulieu|Montclair'),
    sectors: p('Distribution|Industries|Cosmétiques|Vins|Négoce|Parfums'),
    given: p('Jean|Pierre|Marie|Sophie|Nicolas|Isabelle|Philippe|Claire'),
    family: p('Martin|Bernard|Dubois|Thomas|Robert|Petit|Durand|Leroy'),
    streets: ['Rue du Commerce', 'Avenue de la République', 'Quai de la Joliette', 'Boulevard Haussmann'],
  },
  it: {
    roots: p('Rossi|Bianchi|Romano|Colombo|Ricci|Marino|Greco|Bruno|Galli|Conti|Adriatica|Toscana'),
    sectors: p('Alimentari|Calzature|Moda|Meccanica|Vini|Pelletteria|Ceramiche'),
    given: p('Marco|Giuseppe|Luca|Francesca|Giulia|Alessandro|Paolo|Chiara'),
    family: p('Rossi|Russo|Ferrari|Esposito|Bianchi|Romano|Colombo|Ricci'),
    streets: ['Via Roma', 'Via Garibaldi', 'Corso Italia', 'Via del Porto', 'Via Emilia'],
  },
  nl: {
    roots: p('Van der Berg|De Vries|Jansen|Bakker|Visser|Smit|Meijer|Oranje|Noordzee|Delta|Van Dijk'),
    sectors: p('Trading|Handel|Logistics|Food|Agri|Chemicals'),
    given: p('Jan|Pieter|Sander|Lotte|Femke|Joost|Bram|Anouk'),
    family: p('de Jong|Jansen|de Vries|van den Berg|Bakker|Visser|Smit|Meijer'),
    streets: ['Havenstraat', 'Waalhaven', 'Industrieweg', 'Kade', 'Stationsplein'],
  },
  ms: {
    roots: p(
      'Sinar Jaya|Maju Bersama|Cahaya Abadi|Mitra Sejahtera|Mega Jaya|Perkasa|Sinar Harapan|Bintang Timur|Sentosa|Kencana',
    ),
    sectors: p('Trading|Industries|Resources|Plywood|Palm|Rubber|Timber'),
    given: p('Ahmad|Siti|Budi|Dewi|Rizal|Nur|Agus|Hafiz'),
    family: p('Hassan|Abdullah|Santoso|Wijaya|Ibrahim|Rahman|Halim|Tan'),
    streets: ['Jalan Sudirman', 'Jalan Raya Industri', 'Jalan Pelabuhan', 'Jalan Ampang', 'Jalan Tun Razak'],
  },
  th: {
    roots: p('Siam Pacific|Chao Phraya|Srisawat|Rattana|Thanakorn|Sukjai|Charoen|Kasemsuk'),
    sectors: p('Trading|Industry|Food|Agro|Rubber|Electric'),
    given: p('Somchai|Somsak|Niran|Malee|Kanya|Prasert'),
    family: p('Saetang|Srisuk|Wongsawat|Chaiyaporn|Boonmee|Thongdee'),
    streets: ['Sukhumvit Road', 'Rama IV Road', 'Bang Na-Trat Road', 'Sathorn Road'],
  },
  hi: {
    roots: p('Shree Ganesh|Sai Krishna|Bharat|Laxmi|Om Sai|Surya|Shakti|Ganga|Vishal|Pooja|Royal|Bengal'),
    sectors: p('Exports|Overseas|Agro|Textiles|Chemicals|Industries|Knit Fashions|Garments'),
    given: p('Rajesh|Amit|Suresh|Priya|Anil|Sunita|Vikram|Rahul|Kamal'),
    family: p('Sharma|Patel|Gupta|Singh|Kumar|Reddy|Shah|Hossain|Rahman'),
    streets: ['MG Road', 'Station Road', 'Industrial Estate', 'Port Road', 'Nehru Marg'],
  },
});

/** Legal forms by country: [form, written before the name?]. */
export const LEGAL_FORMS: Readonly<Record<string, readonly (readonly [string, boolean?])[]>> = Object.freeze({
  KR: [['Co., Ltd.']],
  CN: [['Co., Ltd.']],
  HK: [['Limited'], ['Co., Ltd.']],
  TW: [['Co., Ltd.'], ['Corp.']],
  JP: [['Co., Ltd.'], ['K.K.']],
  VN: [['Company Limited'], ['JSC']],
  MY: [['Sdn. Bhd.']],
  ID: [['PT', true]],
  SG: [['Pte. Ltd.']],
  TH: [['Co., Ltd.']],
  PH: [['Inc.'], ['Corporation']],
  IN: [['Pvt. Ltd.'], ['Limited']],
  BD: [['Ltd.']],
  US: [['Inc.'], ['LLC'], ['Corp.']],
  CA: [['Inc.'], ['Ltd.']],
  GB: [['Ltd'], ['Limited']],
  IE: [['Ltd'], ['Limited']],
  AU: [['Pty Ltd']],
  NZ: [['Limited']],
  ZA: [['(Pty) Ltd']],
  DE: [['GmbH'], ['GmbH & Co. KG'], ['AG']],
  CH: [['AG'], ['GmbH'], ['SA']],
  NL: [['B.V.']],
  BE: [['NV'], ['BV']],
  FR: [['SAS'], ['SARL']],
  CI: [['SARL'], ['SA']],
  IT: [['S.r.l.'], ['S.p.A.']],
  ES: [['S.L.'], ['S.A.']],
  MX: [['S.A. de C.V.']],
  CO: [['S.A.S.'], ['Ltda.']],
  EC: [['S.A.'], ['Cía. Ltda.']],
  PE: [['S.A.C.'], ['S.A.']],
  CL: [['SpA'], ['S.A.'], ['Ltda.']],
  AR: [['S.A.'], ['S.R.L.']],
  BR: [['Ltda.'], ['S.A.']],
  RU: [['OOO', true]],
  AE: [['LLC'], ['FZE']],
  SA: [['Co.'], ['LLC']],
  PL: [['Sp. z o.o.']],
  SE: [['AB']],
  DK: [['A/S'], ['ApS']],
  NO: [['AS']],
  GR: [['S.A.']],
});

/** Reasons a lookout list gives for an entry. */
export const LOOKOUT_REASONS: readonly string[] = Object.freeze([
  'narcotics trafficking: prior seizure',
  'customs fraud conviction',
  'undervaluation investigation',
  'counterfeit goods',
  'intelligence report: suspected front company',
  'strategic goods diversion',
]);
