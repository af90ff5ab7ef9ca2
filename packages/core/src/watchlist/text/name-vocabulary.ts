/**
 * Words that are part of how a name is written but not of who it names. Kept
 * as data so an administration can read (and extend) exactly what is ignored.
 * All entries are in the normalised form (ASCII, lower case, no punctuation).
 */

/** Titles and honorifics, dropped before matching ("Dr. Ayman", "Shaykh Umar"). */
export const HONORIFICS: ReadonlySet<string> = new Set(
  `mr mrs ms miss mister madam dr doctor prof professor sir dame lord lady rev reverend fr father
   sheikh shaykh sheik shaikh haji hajji hadji al-haj alhaj mullah mulla maulvi mawlawi maulana mawlana
   sayyid sayed syed imam qari hafiz amir emir general gen colonel col major maj captain capt lt
   lieutenant brigadier admiral commander cmdr sgt sergeant president minister eng engineer jr junior sr senior
   gospodin gospozha herr frau monsieur mme mlle senor senora don dona`.split(/\s+/),
);

/**
 * Particles and connectives inside names. They match like any token but weigh
 * little, so "Abu Bakr al-Baghdadi" does not hinge on "al" and "abu".
 */
export const PARTICLES: ReadonlySet<string> = new Set(
  `al el ul ur ad ash as at az an bin ben ibn bint binti abu abou bou ould walad de del della der den di da
   do dos das du la le lo van von ter zu y and und et of the`.split(/\s+/),
);

/**
 * Company legal forms, in every language lists use. Single tokens after
 * normalisation; dotted forms ("S.A.", "S. de R.L.") are joined before lookup.
 * Cyrillic forms arrive transliterated (ООО -> ooo, ПАО -> pao).
 */
export const LEGAL_FORMS: ReadonlySet<string> = new Set(
  `llc lc ltd ltda limited inc incorporated corp corporation co company cie plc llp lp lllp pllc gmbh mbh ag kg
   ohg ug se sa sas sasu sarl srl spa sl slu sa bv nv oy oyj ab aps asa kft zrt nyrt doo dd sro spol sp zoo
   ooo oao zao pao ao tov pat chp ip jsc ojsc cjsc pjsc ojs pte pvt bhd sdn tbk pt cv fze fzco fzc fzllc fz
   wll spc est establishment kk gk yk jv pty sae saog saoc saa sab sal sac eirl cia ltda sapi rl
   obshchestvo ogranichennoy otvetstvennostyu aktsionernoe tovarystvo akcionernoe
   aktiengesellschaft gesellschaft kommanditgesellschaft`.split(/\s+/),
);

/**
 * Multi-token legal forms, matched as sequences (after dotted abbreviations
 * are joined): "sa de cv", "s de rl", "co ltd", Chinese "you xian gong si".
 */
export const LEGAL_FORM_PHRASES: readonly (readonly string[])[] = [
  'sa de cv',
  's a de c v',
  's de r l de c v',
  's de r l',
  'de c v',
  's de rl de cv',
  's de rl',
  'de cv',
  'de rl',
  'sp z oo',
  'sp z o o',
  's a',
  'l l c',
  'co ltd',
  'limited liability company',
  'limited liability partnership',
  'joint stock company',
  'public joint stock company',
  'closed joint stock company',
  'open joint stock company',
  'private limited',
  'public limited company',
  'societe anonyme',
  'sociedad anonima',
  'gu fen you xian gong si',
  'you xian ze ren gong si',
  'you xian gong si',
  'gong si',
  'kabushiki kaisha',
  'godo kaisha',
  'yugen kaisha',
]
  .map((p) => p.split(' '))
  .sort((a, b) => b.length - a.length);

/**
 * Words common in organisation and vessel names that say little about which
 * one is meant ("Trading", "International", "Shipping"). They match but weigh
 * less, so two companies are not the same because both "trade".
 */
export const GENERIC_ORG_WORDS: ReadonlySet<string> = new Set(
  `trading trade traders international intl global group holding holdings industries industry industrial
   enterprise enterprises services service general company shipping shipmanagement ship management marine
   maritime logistics import export imports exports investment investments development commercial commerce
   corporation partners associates agency bank foundation organization organisation association center centre
   national united new ji tuan`.split(/\s+/),
);

/** Legal forms written before the name by custom (Russian ООО, Indonesian PT, Ukrainian ТОВ). */
export const LEADING_LEGAL_FORMS: ReadonlySet<string> = new Set(
  'pt ooo oao zao pao ao nao tov pat prat chp ip jsc pjsc ojsc cjsc ak too gup mup fgup ano dp'.split(' '),
);

/** Leading forms too ambiguous to drop anywhere but first (Russian АК, Kazakh ТОО, Ukrainian ДП). */
export const LEADING_ONLY_LEGAL_FORMS: ReadonlySet<string> = new Set(
  'ak too gup mup fgup ano dp nao prat'.split(' '),
);

/**
 * Common words of organisation names in the languages lists transliterate,
 * mapped to one English form so "Группа" meets "Group" and "Konzern" meets
 * "Concern". Only for organisation and vessel names.
 */
export const ORG_WORD_SYNONYMS: ReadonlyMap<string, string> = new Map([
  ['gruppa', 'group'],
  ['grupo', 'group'],
  ['groupe', 'group'],
  ['gruppe', 'group'],
  ['gruppo', 'group'],
  ['kontsern', 'concern'],
  ['konzern', 'concern'],
  ['koncern', 'concern'],
  ['kompaniya', 'company'],
  ['compania', 'company'],
  ['compagnie', 'company'],
  ['companhia', 'company'],
  ['kholding', 'holding'],
  ['korporatsiya', 'corporation'],
  ['corporacion', 'corporation'],
  ['banco', 'bank'],
  ['banque', 'bank'],
  ['banka', 'bank'],
  ['mezhdunarodnyy', 'international'],
  ['internacional', 'international'],
  ['internationale', 'international'],
  ['natsionalnyy', 'national'],
  ['nacional', 'national'],
  ['shipping', 'shipping'],
  ['sudokhodnaya', 'shipping'],
  ['zavod', 'plant'],
  ['fabrika', 'factory'],
  ['handel', 'trading'],
  ['torgovyy', 'trading'],
  ['comercial', 'commercial'],
  ['commerciale', 'commercial'],
]);

/** Prefixes of ship names: motor vessel, motor tanker, steamship... ("MV Sea Star" is "Sea Star"). */
export const VESSEL_PREFIXES: ReadonlySet<string> = new Set(
  'mv mt ms mts mtv ss fv rv sv my hmv mfv'.split(' '),
);

/** Number words in vessel names: "Mar Azul Uno" is not "Mar Azul". They weigh like digits. */
export const NUMBER_WORDS: ReadonlySet<string> = new Set(
  'one two three four five uno dos tres cuatro ii iii iv vi vii viii ix xi xii'.split(' '),
);
