/**
 * Reports (docs/reports.md): renders a report of a kind and period as PDF, XLSX or HTML
 * (./report-builders.ts → ./render-*.ts), stores it with its SHA-256, who and when (audited), lists
 * and serves stored reports to those who may see them, and keeps the schedule that generates the
 * daily bulletin each morning and the monthly report on the 1st (`scheduledPass`, on a timer).
 *
 * Who may do what: bureau roles, operators and district officers generate and read the city-wide
 * reports; an enterprise account only its own enterprise-monthly; a district officer the
 * enterprise-monthly of enterprises in their district.
 */
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import type { Scope, ScopeService } from '../auth/scope.js';
import type { Clock } from '../clock.js';
import { BadInputError, ForbiddenError, NotFoundError } from '../errors.js';
import type { Logger } from '../logger.js';
import { chinaDate, DAY_MS, formatChinaIso, utcToChinaLocal } from '../standards/china-time.js';
import type { ReportRecord } from '../store/report.repository.js';
import type { Store } from '../store/store.js';
import type { UserRole } from '../store/types.js';
import { findCjkFont, ReportFontMissingError, type CjkFont } from './cjk-font.js';
import { buildReport, type ReportDeps, type ReportRequest } from './report-builders.js';
import {
  REPORT_FORMATS,
  REPORT_MEDIA_TYPES,
  type RenderedReport,
  type ReportDoc,
  type ReportFormat,
  type ReportKind,
} from './report-doc.js';
import { renderHtml } from './render-html.js';
import { renderPdf } from './render-pdf.js';
import { renderXlsx } from './render-xlsx.js';

export type { ReportRecord } from '../store/report.repository.js';

/** The actor of scheduled reports. */
export const REPORT_SCHEDULER_ACTOR: AuditActor = { username: 'system:reports', role: null };

/** How often the platform runs the scheduled pass (the schedule works in hours). */
export const REPORT_TICK_MS = 10 * 60_000;

/** The bureau setting that holds the schedule. */
const SCHEDULE_SETTING = 'reports.schedule';

/** When the scheduled reports are made (China-local hours) and in which format. */
export interface ReportSchedule {
  /** air-daily of yesterday, from this hour on each day. */
  daily: { enabled: boolean; hour: number; format: ReportFormat };
  /** environment-monthly of the previous month, from this hour of the 1st on. */
  monthly: { enabled: boolean; hour: number; format: ReportFormat };
}

/** Default: the daily bulletin from 08:00, the monthly report from 08:00 on the 1st, both PDF. */
export const DEFAULT_REPORT_SCHEDULE: ReportSchedule = {
  daily: { enabled: true, hour: 8, format: 'pdf' },
  monthly: { enabled: true, hour: 8, format: 'pdf' },
};

/** Who asks for a report. */
export interface ReportCaller {
  actor: AuditActor;
  role: UserRole;
  scope: Scope;
  address: string | null;
}

export interface ReportServiceDeps {
  store: Pick<Store, 'reports' | 'settings' | 'sites' | 'db'>;
  clock: Clock;
  audit: AuditService;
  scope: Pick<ScopeService, 'siteFilter'>;
  sources: ReportDeps;
  logger?: Logger | undefined;
  /** Finds the CJK font for PDFs (default: the run-time search of ./cjk-font.ts). */
  font?: () => CjkFont | null;
}

/** A generated report and the schedule's check of the format it asked for. */
export interface ReportFile {
  record: ReportRecord;
  bytes: Buffer;
}

function checkSchedule(value: unknown): ReportSchedule {
  const v = value as Partial<ReportSchedule> | null;
  const part = (name: 'daily' | 'monthly'): ReportSchedule['daily'] => {
    const p = v?.[name];
    if (p === undefined || typeof p !== 'object') throw new BadInputError(`${name}: required`);
    if (typeof p.enabled !== 'boolean') throw new BadInputError(`${name}.enabled: true or false`);
    if (!Number.isInteger(p.hour) || p.hour < 0 || p.hour > 23) throw new BadInputError(`${name}.hour: 0–23`);
    if (!REPORT_FORMATS.includes(p.format)) throw new BadInputError(`${name}.format: pdf, xlsx or html`);
    return { enabled: p.enabled, hour: p.hour, format: p.format };
  };
  return { daily: part('daily'), monthly: part('monthly') };
}

export class ReportService {
  private readonly font: () => CjkFont | null;

  constructor(private readonly deps: ReportServiceDeps) {
    this.font = deps.font ?? (() => findCjkFont());
  }

  /** Whether PDFs can be made here (the CJK font is installed). */
  pdfAvailable(): boolean {
    return this.font() !== null;
  }

  /** The report as a document (for tests and the web preview). */
  document(req: ReportRequest, scope: Scope, generatedBy: string): Promise<ReportDoc> {
    return buildReport(
      this.deps.sources,
      req,
      scope,
      `${generatedBy}，${formatChinaIso(this.deps.clock.now())}`,
    );
  }

  /** Renders a report without storing it (the CLI). ReportFontMissingError for a PDF without the font. */
  async render(
    req: ReportRequest,
    format: ReportFormat,
    scope: Scope,
    generatedBy: string,
  ): Promise<RenderedReport> {
    const font = format === 'pdf' ? this.font() : null;
    if (format === 'pdf' && font === null) throw new ReportFontMissingError();
    const doc = await this.document(req, scope, generatedBy);
    const bytes = await this.renderDoc(doc, format, font);
    const stem = [doc.kind, doc.period, req.kind === 'enterprise-monthly' ? req.enterprise : undefined]
      .filter((p) => p !== undefined)
      .join('-');
    return { bytes, mediaType: REPORT_MEDIA_TYPES[format], filename: `${stem}.${format}` };
  }

  private async renderDoc(doc: ReportDoc, format: ReportFormat, font: CjkFont | null): Promise<Buffer> {
    switch (format) {
      case 'pdf':
        if (font === null) throw new ReportFontMissingError();
        return renderPdf(doc, font, this.deps.clock.now());
      case 'xlsx':
        return renderXlsx(doc);
      case 'html':
        return renderHtml(doc);
      default: {
        const impossible: never = format;
        throw new BadInputError(`format: "${String(impossible)}" is not pdf, xlsx or html`);
      }
    }
  }

  /** The enterprise codes a caller may see reports of; undefined = all. */
  private async visibleEnterprises(scope: Scope): Promise<string[] | undefined> {
    if (scope.kind === 'all') return undefined;
    const filter = await this.deps.scope.siteFilter(scope, { kind: 'enterprise' });
    if (filter === null) return [];
    const page = await this.deps.store.sites.list({ ...filter, kind: 'enterprise', limit: 1000 });
    return page.items.map((s) => s.code);
  }

  /** Checks the caller may ask for this report; fills in an enterprise account's own enterprise. */
  private async authorise(caller: ReportCaller, req: ReportRequest): Promise<ReportRequest> {
    if (caller.role === 'enterprise') {
      if (req.kind !== 'enterprise-monthly') {
        throw new ForbiddenError('an enterprise account generates its own enterprise-monthly report only');
      }
      const own = await this.visibleEnterprises(caller.scope);
      const code = req.enterprise ?? own?.[0];
      if (code === undefined || !(own ?? []).includes(code)) {
        throw new ForbiddenError('an enterprise account generates its own enterprise-monthly report only');
      }
      return { ...req, enterprise: code };
    }
    if (req.kind !== 'enterprise-monthly' && req.enterprise !== undefined) {
      throw new BadInputError(`enterprise: only an enterprise-monthly report names an enterprise`);
    }
    return req;
  }

  /** Generates, stores and audits a report; the stored record. */
  async generate(caller: ReportCaller, req: ReportRequest, format: ReportFormat): Promise<ReportRecord> {
    const checked = await this.authorise(caller, req);
    const rendered = await this.render(checked, format, caller.scope, caller.actor.username);
    return this.store(caller.actor, checked, format, rendered, caller.address);
  }

  private async store(
    actor: AuditActor,
    req: ReportRequest,
    format: ReportFormat,
    rendered: RenderedReport,
    address: string | null,
  ): Promise<ReportRecord> {
    const record = await this.deps.store.reports.add({
      kind: req.kind,
      period: req.period,
      format,
      enterpriseCode: req.kind === 'enterprise-monthly' ? (req.enterprise ?? null) : null,
      filename: rendered.filename,
      mediaType: rendered.mediaType,
      bytes: rendered.bytes,
      createdBy: actor.username,
      createdAt: this.deps.clock.now(),
    });
    await this.deps.audit.record({
      action: 'report.generated',
      actor,
      target: { type: 'report', id: record.id },
      details: { kind: req.kind, period: req.period, format, sha256: record.sha256, bytes: record.sizeBytes },
      address,
    });
    return record;
  }

  /** Stored reports the caller may see, newest first. */
  async list(
    caller: Pick<ReportCaller, 'scope' | 'role'>,
    query: { kind?: ReportKind | undefined; limit: number; offset: number },
  ): Promise<ReportRecord[]> {
    const codes = await this.visibleEnterprises(caller.scope);
    return this.deps.store.reports.list({
      kind: query.kind,
      enterpriseCodes: codes,
      withCityReports: caller.role !== 'enterprise',
      limit: query.limit,
      offset: query.offset,
    });
  }

  /** A stored report and its bytes; NotFoundError when it does not exist or the caller may not see it. */
  async file(caller: Pick<ReportCaller, 'scope' | 'role'>, id: number): Promise<ReportFile> {
    const record = await this.deps.store.reports.getById(id);
    if (record === null) throw new NotFoundError(`report ${id}`);
    const codes = await this.visibleEnterprises(caller.scope);
    const visible =
      record.enterpriseCode === null
        ? caller.role !== 'enterprise'
        : codes === undefined || codes.includes(record.enterpriseCode);
    if (!visible) throw new NotFoundError(`report ${id}`);
    const bytes = await this.deps.store.reports.content(record);
    if (bytes === null) throw new NotFoundError(`the file of report ${id}`);
    return { record, bytes };
  }

  /** The schedule in force (the default until a bureau sets one). */
  async schedule(): Promise<ReportSchedule & { changedBy: string | null; changedAt: Date | null }> {
    const v = await this.deps.store.settings.current(SCHEDULE_SETTING);
    if (v === null) return { ...DEFAULT_REPORT_SCHEDULE, changedBy: null, changedAt: null };
    return { ...checkSchedule(v.value), changedBy: v.changedBy, changedAt: v.changedAt };
  }

  /** Sets the schedule (a new version of the setting, audited in the same transaction). */
  async setSchedule(
    actor: AuditActor,
    value: unknown,
    address: string | null = null,
  ): Promise<ReportSchedule> {
    const schedule = checkSchedule(value);
    await this.deps.store.db.transaction().execute(async (trx) => {
      await this.deps.store.settings.append(
        {
          name: SCHEDULE_SETTING,
          value: schedule,
          changedBy: actor.username,
          changedAt: this.deps.clock.now(),
        },
        trx,
      );
      await this.deps.audit.record(
        {
          action: 'settings.report_schedule_changed',
          actor,
          target: { type: 'setting', id: SCHEDULE_SETTING },
          details: { ...schedule },
          address,
        },
        trx,
      );
    });
    return schedule;
  }

  /**
   * The timed pass: from the set hour (China time) the daily bulletin of yesterday, and from the set
   * hour of the 1st the monthly report of the previous month (later days catch up a missed 1st);
   * each once — a report the scheduler already made is not made again. A PDF asked for without
   * the CJK font is made as HTML (logged). Returns the reports made.
   */
  async scheduledPass(): Promise<ReportRecord[]> {
    const s = await this.schedule();
    const now = this.deps.clock.now();
    const local = utcToChinaLocal(now);
    const made: ReportRecord[] = [];
    const due: { kind: ReportKind; period: string; format: ReportFormat }[] = [];
    if (s.daily.enabled && local.hour >= s.daily.hour) {
      due.push({
        kind: 'air-daily',
        period: chinaDate(new Date(now.getTime() - DAY_MS)),
        format: s.daily.format,
      });
    }
    if (s.monthly.enabled && (local.day > 1 || local.hour >= s.monthly.hour)) {
      const i = local.year * 12 + (local.month - 1) - 1;
      const month = `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
      due.push({ kind: 'environment-monthly', period: month, format: s.monthly.format });
    }
    for (const d of due) {
      if (await this.deps.store.reports.exists(d.kind, d.period, REPORT_SCHEDULER_ACTOR.username)) continue;
      let format = d.format;
      if (format === 'pdf' && !this.pdfAvailable()) {
        this.deps.logger?.warn(
          { kind: d.kind },
          'no CJK font for PDF reports: scheduled report made as HTML',
        );
        format = 'html';
      }
      const req = { kind: d.kind, period: d.period };
      const rendered = await this.render(req, format, { kind: 'all' }, REPORT_SCHEDULER_ACTOR.username);
      made.push(await this.store(REPORT_SCHEDULER_ACTOR, req, format, rendered, null));
    }
    return made;
  }
}
