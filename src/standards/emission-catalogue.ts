/**
 * Emission standards an outlet may be declared to follow in a city package, with the media they
 * limit (docs/city-package.md §3): the national and Zhejiang standards of the built-in limit tables
 * (./emission/) and the common ones without a table here, whose limits a bureau enters by hand.
 * Names and media from memory of the published titles; extend the list as cities need.
 *
 * Pure: no I/O.
 */

export interface CatalogueStandard {
  id: string;
  zh: string;
  en: string;
  /** What it limits: flue gas, wastewater, or both (sector standards with both parts). */
  media: readonly ('gas' | 'water')[];
}

const gas = ['gas'] as const;
const water = ['water'] as const;
const both = ['gas', 'water'] as const;

export const EMISSION_CATALOGUE: readonly CatalogueStandard[] = [
  { id: 'ultra-low-2015', zh: '燃煤电厂超低排放', en: 'ultra-low emission of coal-fired units', media: gas },
  { id: 'GB 13223-2011', zh: '火电厂大气污染物排放标准', en: 'thermal power plants, air', media: gas },
  { id: 'GB 13271-2014', zh: '锅炉大气污染物排放标准', en: 'boilers, air', media: gas },
  {
    id: 'GB 18485-2014',
    zh: '生活垃圾焚烧污染控制标准',
    en: 'municipal solid waste incineration',
    media: gas,
  },
  {
    id: 'GB 16297-1996',
    zh: '大气污染物综合排放标准',
    en: 'integrated emission standard of air pollutants',
    media: gas,
  },
  {
    id: 'GB 9078-1996',
    zh: '工业炉窑大气污染物排放标准',
    en: 'industrial kilns and furnaces, air',
    media: gas,
  },
  { id: 'GB 4915-2013', zh: '水泥工业大气污染物排放标准', en: 'cement industry, air', media: gas },
  { id: 'GB 14554-93', zh: '恶臭污染物排放标准', en: 'odour pollutants', media: gas },
  { id: 'GB 37822-2019', zh: '挥发性有机物无组织排放控制标准', en: 'fugitive VOC emissions', media: gas },
  { id: 'GB 37823-2019', zh: '制药工业大气污染物排放标准', en: 'pharmaceutical industry, air', media: gas },
  {
    id: 'GB 37824-2019',
    zh: '涂料、油墨及胶粘剂工业大气污染物排放标准',
    en: 'paint, ink and adhesive industry, air',
    media: gas,
  },
  { id: 'GB 39726-2020', zh: '铸造工业大气污染物排放标准', en: 'foundry industry, air', media: gas },
  { id: 'GB 41616-2022', zh: '印刷工业大气污染物排放标准', en: 'printing industry, air', media: gas },
  {
    id: 'DB33/962-2015',
    zh: '纺织染整工业大气污染物排放标准（浙江）',
    en: 'textile dyeing and finishing, air (Zhejiang)',
    media: gas,
  },
  {
    id: 'GB 8978-1996',
    zh: '污水综合排放标准',
    en: 'integrated wastewater discharge standard',
    media: water,
  },
  {
    id: 'GB 18918-2002',
    zh: '城镇污水处理厂污染物排放标准',
    en: 'municipal wastewater treatment plants',
    media: water,
  },
  {
    id: 'DB33/2169-2018',
    zh: '城镇污水处理厂主要水污染物排放标准（浙江）',
    en: 'municipal wastewater treatment plants (Zhejiang)',
    media: water,
  },
  {
    id: 'DB33/887-2013',
    zh: '工业企业废水氮、磷污染物间接排放限值（浙江）',
    en: 'indirect discharge of N and P (Zhejiang)',
    media: water,
  },
  {
    id: 'GB 4287-2012',
    zh: '纺织染整工业水污染物排放标准',
    en: 'textile dyeing and finishing, water',
    media: water,
  },
  {
    id: 'GB 3544-2008',
    zh: '制浆造纸工业水污染物排放标准',
    en: 'pulp and paper industry, water',
    media: water,
  },
  {
    id: 'GB 21904-2008',
    zh: '化学合成类制药工业水污染物排放标准',
    en: 'chemical synthesis pharmaceuticals, water',
    media: water,
  },
  { id: 'GB 21900-2008', zh: '电镀污染物排放标准', en: 'electroplating', media: both },
  {
    id: 'GB 21902-2008',
    zh: '合成革与人造革工业污染物排放标准',
    en: 'synthetic leather industry',
    media: both,
  },
  { id: 'GB 25464-2010', zh: '陶瓷工业污染物排放标准', en: 'ceramics industry', media: both },
  { id: 'GB 30484-2013', zh: '电池工业污染物排放标准', en: 'battery industry', media: both },
  { id: 'GB 31570-2015', zh: '石油炼制工业污染物排放标准', en: 'petroleum refining', media: both },
  { id: 'GB 31571-2015', zh: '石油化学工业污染物排放标准', en: 'petrochemical industry', media: both },
  { id: 'GB 31572-2015', zh: '合成树脂工业污染物排放标准', en: 'synthetic resin industry', media: both },
  { id: 'GB 31573-2015', zh: '无机化学工业污染物排放标准', en: 'inorganic chemical industry', media: both },
];

/** A standard's number as written in the catalogue: "GB13271-2014" and "gb 13271—2014" become "GB 13271-2014". */
export function normaliseStandardId(text: string): string {
  return text
    .trim()
    .replace(/[—–－]/g, '-')
    .replace(/^(gb\/t|gb|hj|db)/i, (m) => m.toUpperCase())
    .replace(/^(GB\/T|GB|HJ)\s*(\d)/, '$1 $2');
}

/** The catalogue entry of a standard number, or undefined. */
export function catalogueStandard(text: string): CatalogueStandard | undefined {
  const id = normaliseStandardId(text);
  return EMISSION_CATALOGUE.find((s) => s.id === id);
}
