/** Shapes of the city package import and export (docs/city-package.md). */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { literalUnion } from './common.schemas.js';
import type { UserRole } from './user.schemas.js';

/** Who imports a city package: the platform's administrators. */
export const CITY_IMPORT_ROLES: readonly UserRole[] = ['admin'];
/** Who exports the master data: the bureau. */
export const CITY_EXPORT_ROLES: readonly UserRole[] = ['admin', 'supervisor'];

/** The entities of a package, as the report names them. */
export const CITY_PACKAGE_ENTITIES = [
  'city',
  'districts',
  'air_stations',
  'water_sections',
  'enterprises',
  'outlets',
  'devices',
  'boundaries',
] as const;
export type CityPackageEntity = (typeof CITY_PACKAGE_ENTITIES)[number];

export const CityLangSchema = literalUnion(
  ['zh', 'en'] as const,
  'Language of the messages (default: Accept-Language, else zh)',
);

export const CityImportQuerySchema = Type.Object(
  {
    dryRun: Type.Optional(Type.Boolean({ description: 'Check and compare only; write nothing' })),
    partial: Type.Optional(
      Type.Boolean({ description: 'Import the rows that pass even when others are rejected' }),
    ),
    lang: Type.Optional(CityLangSchema),
    filename: Type.Optional(
      Type.String({ maxLength: 200, description: 'Name of the uploaded workbook, for the messages' }),
    ),
  },
  { additionalProperties: false },
);
export type CityImportQuery = Static<typeof CityImportQuerySchema>;

/** A package as JSON: the texts of its files by name, or an XLSX in base64 with its boundaries. */
export const CityImportJsonBodySchema = Type.Object(
  {
    files: Type.Optional(
      Type.Record(Type.String({ maxLength: 64 }), Type.String(), {
        description: 'File name (city.csv, districts.csv, …, boundaries.geojson) → its text',
      }),
    ),
    xlsx: Type.Optional(Type.String({ description: 'The workbook, base64' })),
    boundaries: Type.Optional(
      Type.String({ description: 'boundaries.geojson text to go with the workbook' }),
    ),
  },
  { additionalProperties: false },
);
export type CityImportJsonBody = Static<typeof CityImportJsonBodySchema>;

export const CityImportIssueSchema = Type.Object({
  severity: literalUnion(
    ['error', 'warning'] as const,
    'An error rejects its row; a warning is only reported',
  ),
  code: Type.String({ description: 'Stable code of the check' }),
  file: Type.String(),
  sheet: Type.Union([Type.String(), Type.Null()]),
  line: Type.Union([Type.Integer(), Type.Null()], {
    description: 'CSV line, XLSX row or GeoJSON feature number',
  }),
  column: Type.Union([Type.String(), Type.Null()]),
  value: Type.Union([Type.String(), Type.Null()]),
  message: Type.String(),
  text: Type.String({ description: 'Where, then what, as one line' }),
});
export type CityImportIssueDto = Static<typeof CityImportIssueSchema>;

export const EntityCountsSchema = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer(),
});

export const CityImportReportSchema = Type.Object({
  source: Type.String(),
  kind: literalUnion(['folder', 'xlsx'] as const, 'What was read'),
  lang: CityLangSchema,
  applied: Type.Boolean({ description: 'Whether the store was written' }),
  dryRun: Type.Boolean(),
  partial: Type.Boolean(),
  present: Type.Array(literalUnion(CITY_PACKAGE_ENTITIES, 'An entity the package has')),
  entities: Type.Object(
    Object.fromEntries(CITY_PACKAGE_ENTITIES.map((e) => [e, EntityCountsSchema])) as Record<
      CityPackageEntity,
      typeof EntityCountsSchema
    >,
  ),
  rejections: Type.Array(CityImportIssueSchema),
  warnings: Type.Array(CityImportIssueSchema),
  notInPackage: Type.Object({ districts: Type.Integer(), sites: Type.Integer() }),
  notes: Type.Array(Type.String()),
});
export type CityImportReportDto = Static<typeof CityImportReportSchema>;

export const CityExportQuerySchema = Type.Object(
  {
    format: Type.Optional(
      literalUnion(
        ['xlsx', 'csv'] as const,
        'xlsx (default): the whole package as one workbook; csv: one table',
      ),
    ),
    table: Type.Optional(
      literalUnion(CITY_PACKAGE_ENTITIES, 'With format=csv: the table to send (boundaries: the GeoJSON)'),
    ),
  },
  { additionalProperties: false },
);
export type CityExportQuery = Static<typeof CityExportQuerySchema>;
