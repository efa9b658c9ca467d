import { describe, expect, it } from 'vitest';
import type { PackageIssue } from './issues.js';
import { formatIssue } from './issues.js';
import { readPackageFiles } from './reader.js';
import type { KnownMasterData } from './validate.js';
import { isBoundaryGeometry, validatePackage } from './validate.js';

const EMPTY: KnownMasterData = { districts: new Map(), boundaries: new Map(), sites: new Map() };
const DISTRICTS = 'code,name,parent\n339901,东湖区,\n339902,西山区,\n';

function check(files: Record<string, string>, known: KnownMasterData = EMPTY, demo = false) {
  const v = validatePackage(readPackageFiles({ 'districts.csv': DISTRICTS, ...files }), known, { demo });
  const lines = (severity: PackageIssue['severity']) =>
    v.issues.filter((i) => i.severity === severity).map((i) => formatIssue(i, 'en'));
  return { v, errors: lines('error'), warnings: lines('warning') };
}

const AIR = 'code,name,lon,lat,district,level,city_aqi\n';
const ENT = 'code,name,credit_code,industry,district,address,lon,lat,permit,categories\n';
const OUT = 'code,enterprise,name,kind,standard,parameters,reference_o2\n';
const E1 = 'E1,甲厂,91339901MA2QX0001H,4412,339901,地址,118.3,29.2,,\n';

describe('row checks of a city package', () => {
  it('accepts the Chinese spellings of closed sets and maps them to the stored values', () => {
    const { v, errors } = check({
      'air_stations.csv': `${AIR}A1,站,118.3,29.2,339901,国控,是\n`,
      'water_sections.csv':
        'code,name,water_body,basin,water_type,target_class,level,district,lon,lat,mode\nW1,断面,河,流域,河流,Ⅲ,市控,339902,118.1,29.2,手工\n',
    });
    expect(errors).toEqual([]);
    expect(v.sites.map((s) => s.value.attributes)).toEqual([
      { network: 'national', cityAqi: true },
      {
        waterType: 'river',
        targetClass: 'III',
        waterBody: '河',
        basin: '流域',
        network: 'city',
        automatic: false,
      },
    ]);
  });

  it('names each wrong cell with its line, column and value', () => {
    const { errors } = check({
      'air_stations.csv': `${AIR}A1,站,181,29.2,339901,national,yes\nA1,站二,118.1,north,339902,county,yes\nA-3!,站三,118.1,29.1,339902,city,no\n`,
    });
    expect(errors).toEqual([
      'air_stations.csv, line 2, column lon: longitude 181 is not between −180 and 180',
      'air_stations.csv, line 3, column code: code A1 already on air_stations.csv line 2',
      'air_stations.csv, line 3, column lat: "north" is not a number of degrees',
      'air_stations.csv, line 3, column level: "county" is not one of national, provincial, city, 国控, 省控, 市控',
      'air_stations.csv, line 4, column code: code "A-3!" is not well-formed: use 1–64 letters, digits, - _ or ., starting with a letter or digit',
    ]);
  });

  it('checks division codes, parents and references to districts of the package or the platform', () => {
    const known: KnownMasterData = {
      ...EMPTY,
      districts: new Map([
        ['339903', { name: '旧区', retired: true }],
        ['339904', { name: '北区', retired: false }],
      ]),
    };
    const { errors } = check(
      {
        'districts.csv': `${DISTRICTS}99123,坏区,\n339905,功能区,339906\n339906,功能区二,339907\n`,
        'air_stations.csv': `${AIR}A1,站,118.3,29.2,339903,city,no\nA2,站,118.3,29.2,339904,city,no\nA3,站,118.3,29.2,339905,city,no\n`,
      },
      known,
    );
    expect(errors).toEqual([
      'districts.csv, line 4, column code: "99123" is not an administrative division code (GB/T 2260: 6 digits)',
      'districts.csv, line 6, column parent: parent district 339907 is neither in districts of the package nor in the platform',
      'districts.csv, line 5, column parent: parent district 339906 (line 6) was rejected',
      'air_stations.csv, line 2, column district: district 339903 is retired; list it in districts to bring it back',
      'air_stations.csv, line 4, column district: district 339905 (districts line 5) was rejected',
    ]);
  });

  it('checks credit codes by GB 32100-2015 (DEMO codes only in a demo package)', () => {
    const bad = check({
      'enterprises.csv': `${ENT}E1,甲,91339901MA2QX0001,4412,339901,址,118.3,29.2,,\nE2,乙,DEMO33990100000001,C44,339901,址,118.3,29.2,,sky\n`,
    });
    expect(bad.errors).toEqual([
      'enterprises.csv, line 2, column credit_code: "91339901MA2QX0001" is not a valid unified social credit code (GB 32100-2015): it has 17 characters, not 18',
      'enterprises.csv, line 3, column credit_code: "DEMO33990100000001" is not a valid unified social credit code (GB 32100-2015): it holds characters outside the code set (no I, O, Z, S, V)',
      'enterprises.csv, line 3, column categories: "sky" is not a key-enterprise category: water groundwater air noise soil risk',
    ]);
    const demo = check(
      { 'enterprises.csv': `${ENT}E2,乙,DEMO33990100000001,C4411,339901,址,118.3,29.2,,大气环境|水\n` },
      EMPTY,
      true,
    );
    expect(demo.errors).toEqual([]);
    expect(demo.v.sites[0]?.value.attributes).toMatchObject({
      industryCode: 'C4411',
      categories: ['air', 'water'],
      performanceGrade: 'none',
    });
  });

  it('takes a preset or a standard that fits the outlet kind; warns when there is no built-in table', () => {
    const { v, errors, warnings } = check({
      'enterprises.csv': `${ENT}${E1}`,
      'outlets.csv': `${OUT}G1,E1,锅炉,gas,GB 13271-2014/gas-boiler,a34013 a21026,3.5\nG2,E1,窑,废气,GB9078-1996,,\nW1,E1,废水,water,GB 13271-2014/gas-boiler,,\nW2,E1,废水,water,GB 3095-2012,,\nW3,E1,废水,water,GB 8978-1996,w01018 COD,6\n`,
    });
    expect(errors).toEqual([
      'outlets.csv, line 4, column standard: limit preset GB 13271-2014/gas-boiler is for gas outlets, not water',
      'outlets.csv, line 5, column standard: unknown emission standard or limit preset "GB 3095-2012" (see docs/city-package.md §3 for the list)',
      'outlets.csv, line 6, column parameters: "COD" is not an HJ 212 parameter code (e.g. a21026, w01018)',
      'outlets.csv, line 6, column reference_o2: a water outlet has no reference O2',
    ]);
    expect(warnings).toEqual([
      "outlets.csv, line 3, column standard: GB 9078-1996 has no built-in limit table: enter the outlet's limits on the limits page",
    ]);
    expect(v.sites.filter((s) => s.value.kind === 'outlet').map((s) => s.value.attributes)).toEqual([
      {
        medium: 'gas',
        emissionStandard: 'GB 13271-2014',
        parameters: ['a34013', 'a21026'],
        limitPreset: 'GB 13271-2014/gas-boiler',
        referenceO2Pct: 3.5,
      },
      { medium: 'gas', emissionStandard: 'GB 9078-1996', parameters: [] },
    ]);
  });

  it('checks an outlet against the limits of its preset on the day of the import (warnings)', () => {
    const files = {
      'enterprises.csv': `${ENT}${E1}`,
      'outlets.csv': `${OUT}G1,E1,锅炉,gas,GB 13271-2014,a34013 a21026,3.5\nG2,E1,锅炉,gas,GB 13271-2014/coal-boiler,a34013 a21026 a21002 a20057,6\n`,
    };
    const v = validatePackage(readPackageFiles({ 'districts.csv': DISTRICTS, ...files }), EMPTY, {
      day: '2026-03-15',
    });
    expect(v.issues.map((i) => formatIssue(i, 'en'))).toEqual([
      'outlets.csv, line 2, column parameters: limit preset GB 13271-2014/gas-boiler limits a21002, which the outlet does not report',
      'outlets.csv, line 3, column reference_o2: reference O2 6 % differs from the 9 % of limit preset GB 13271-2014/coal-boiler',
    ]);
  });

  it('refuses a code that is another kind of site in the platform, its outlets, and a cycle of parents', () => {
    const known: KnownMasterData = {
      ...EMPTY,
      sites: new Map([
        [
          'X1',
          { kind: 'air_station', districtCode: '339901', longitude: 118.3, latitude: 29.2, retired: false },
        ],
      ]),
    };
    const { errors } = check(
      {
        'enterprises.csv': `${ENT}${E1.replace('E1,', 'X1,')}`,
        'outlets.csv': `${OUT}G9,X1,口,gas,GB 16297-1996,,\n`,
      },
      known,
    );
    expect(errors).toEqual([
      'enterprises.csv, line 2, column code: code X1 is an air station in the platform, not an enterprise',
      'outlets.csv, line 2, column enterprise: enterprise X1 (enterprises.csv line 2) was rejected',
    ]);
    const cycle = check({ 'districts.csv': 'code,name,parent\n339901,甲,339902\n339902,乙,339901\n' });
    expect(cycle.errors).toEqual([
      'districts.csv, line 2, column parent: the parents form a cycle: 339901 ends up its own parent',
      'districts.csv, line 3, column parent: the parents form a cycle: 339902 ends up its own parent',
    ]);
  });

  it('checks devices: MN shape and repeats, an MN Excel turned into a number, the site', () => {
    const { errors } = check({
      'air_stations.csv': `${AIR}A1,站,118.3,29.2,339901,city,no\n`,
      'devices.csv':
        'mn,password,site,protocol\nMN1,pw,A1,2017\nMN1,pw,A1,2017\n1.03399010000022E+23,pw,A1,2017\nMN2,pw,A9,2017\nMN3,pw,A1,2099\n',
    });
    expect(errors).toEqual([
      'devices.csv, line 3, column mn: mn MN1 already on line 2',
      'devices.csv, line 4, column mn: mn "1.03399010000022E+23" was stored by the spreadsheet as a number and lost digits: format the column as text and type it again',
      'devices.csv, line 5, column site: site A9 is neither in the package nor in the platform',
      'devices.csv, line 6, column protocol: protocol "2099" must be one of 2005, 2017, 2025',
    ]);
  });

  it('checks boundaries: JSON, codes, geometry, one per district', () => {
    const square = '[[[118,29],[118.1,29],[118.1,29.1],[118,29.1],[118,29]]]';
    const fc = (features: string[]) => `{"type":"FeatureCollection","features":[${features.join(',')}]}`;
    const f = (props: string, geometry: string) =>
      `{"type":"Feature","properties":${props},"geometry":${geometry}}`;
    const { v, errors } = check({
      'boundaries.geojson': fc([
        f('{"code":"339901"}', `{"type":"Polygon","coordinates":${square}}`),
        f('{"adcode":339902}', `{"type":"MultiPolygon","coordinates":[${square}]}`),
        f('{"code":"339901"}', `{"type":"Polygon","coordinates":${square}}`),
        f('{"name":"无代码"}', `{"type":"Polygon","coordinates":${square}}`),
        f('{"code":"339977"}', `{"type":"Polygon","coordinates":${square}}`),
        f('{"code":"339902"}', '{"type":"Point","coordinates":[118,29]}'),
      ]),
    });
    expect(v.boundaries.map((b) => b.value.code)).toEqual(['339901', '339902']);
    expect(errors).toEqual([
      'boundaries.geojson, line 3, column properties.code: district 339901 already has a boundary in feature 1',
      'boundaries.geojson, line 4, column properties.code: feature 4 has no properties.code (the district code)',
      'boundaries.geojson, line 5, column properties.code: district 339977 is neither in districts of the package nor in the platform',
      'boundaries.geojson, line 6, column geometry: the geometry of district 339902 is not a valid Polygon or MultiPolygon',
    ]);
    expect(check({ 'boundaries.geojson': '{"type":' }).errors[0]).toMatch(
      /^boundaries\.geojson: not valid JSON: /,
    );
    expect(
      isBoundaryGeometry({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      }),
    ).toBe(false);
  });
});
