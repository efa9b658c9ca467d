/**
 * City packages over HTTP (docs/city-package.md): `POST /api/v1/city/import` takes a package — the
 * XLSX workbook as the raw body, or JSON with the texts of a folder's files (CSV and
 * boundaries.geojson) or a base64 workbook with its boundaries — and answers the import report;
 * `?dryRun=true` only checks. No multipart parser is installed (as for case evidence), hence raw and
 * JSON bodies. `GET /api/v1/city/export` sends the master data as one workbook, or one table as CSV
 * (`format=csv&table=…`; no zip of every CSV).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { BadInputError, DomainError } from '../errors.js';
import { attachmentDisposition } from '../reports/table-export.js';
import type { App, AppContext } from './app.js';
import { actorOf, principalOf } from './auth.hook.js';
import type { CityImportJsonBody, CityImportQuery } from './city-import.schemas.js';
import {
  CITY_EXPORT_ROLES,
  CITY_IMPORT_ROLES,
  CityExportQuerySchema,
  CityImportQuerySchema,
  CityImportReportSchema,
} from './city-import.schemas.js';
import { ErrorRefSchema as ErrorRef } from './common.schemas.js';

/** Largest package accepted: a city's workbook and boundaries. */
const MAX_PACKAGE_BYTES = 32 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The language of the report: ?lang, else the Accept-Language header (en when it prefers English), else zh. */
function langOf(request: FastifyRequest, query: CityImportQuery): 'zh' | 'en' {
  if (query.lang !== undefined) return query.lang;
  const accept = String(request.headers['accept-language'] ?? '').toLowerCase();
  return accept.startsWith('en') ? 'en' : 'zh';
}

export function registerCityImportRoutes(app: App, ctx: AppContext): void {
  const { cityImport } = ctx.services;

  app.get(
    '/api/v1/city/export',
    {
      config: { access: CITY_EXPORT_ROLES },
      schema: {
        tags: ['sites'],
        summary:
          'The master data in service as a city package: one XLSX workbook (default), or with format=csv one table (table=boundaries: the GeoJSON)',
        querystring: CityExportQuerySchema,
        produces: [XLSX_TYPE, 'text/csv', 'application/geo+json'],
        response: { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'xlsx';
      if (format === 'csv' && request.query.table === undefined) {
        throw new BadInputError(
          'table: name the table to export as CSV (or use format=xlsx for all of them)',
          [{ field: 'querystring.table', problem: 'required with format=csv' }],
        );
      }
      const file = await cityImport.exportFile(format, request.query.table);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentDisposition(file.filename))
        .header('cache-control', 'private, no-store')
        .send(file.body);
    },
  );

  // The import parses XLSX and octet-stream bodies as raw bytes; the parsers stay inside this plugin.
  void app.register((child, _opts, done) => {
    const scoped = child.withTypeProvider<TypeBoxTypeProvider>();
    for (const type of ['application/octet-stream', XLSX_TYPE]) {
      scoped.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: MAX_PACKAGE_BYTES },
        (_request, body, next) => next(null, body),
      );
    }
    scoped.post(
      '/api/v1/city/import',
      {
        config: { access: CITY_IMPORT_ROLES },
        bodyLimit: MAX_PACKAGE_BYTES,
        schema: {
          tags: ['sites'],
          summary:
            'Import a city package in one audited transaction (nothing written when a row is rejected, unless partial); body: the XLSX workbook raw, or JSON {files: {"city.csv": text, …, "boundaries.geojson": text}} or {xlsx: base64, boundaries: text}',
          querystring: CityImportQuerySchema,
          response: {
            200: CityImportReportSchema,
            400: ErrorRef,
            401: ErrorRef,
            403: ErrorRef,
            413: ErrorRef,
            415: ErrorRef,
          },
        },
      },
      async (request) => {
        const query = request.query;
        const name = query.filename ?? 'upload.xlsx';
        const body: unknown = request.body;
        let source: Parameters<typeof cityImport.importPackage>[0];
        if (Buffer.isBuffer(body)) {
          source = { xlsx: body, name, boundaries: null };
        } else if (body !== null && typeof body === 'object') {
          const json = body as CityImportJsonBody;
          if (json.xlsx !== undefined) {
            source = { xlsx: Buffer.from(json.xlsx, 'base64'), name, boundaries: json.boundaries ?? null };
          } else if (json.files !== undefined) {
            source = { files: json.files, name: query.filename ?? 'upload' };
          } else {
            throw new BadInputError(
              'body: give files (the texts of the package files by name) or xlsx (base64)',
              [{ field: 'body', problem: 'neither files nor xlsx' }],
            );
          }
        } else {
          throw new DomainError(
            'unsupported-media-type',
            `send the workbook with Content-Type: ${XLSX_TYPE} (or application/octet-stream), or JSON`,
          );
        }
        return cityImport.importPackage(source, {
          actor: actorOf(principalOf(request)),
          partial: query.partial === true,
          dryRun: query.dryRun === true,
          lang: langOf(request, query),
          address: request.ip,
        });
      },
    );
    done();
  });
}
