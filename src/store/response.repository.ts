/**
 * The heavy-pollution response tables (migration 0012, docs/response.md): rule and template
 * versions, enterprise grades and own lists (newest row wins, history kept), alerts and their
 * append-only history, obligations with the evidence of each judged hour, AQI forecasts.
 * Repositories only read and write; the response service decides.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, ResponseAlertTable, ResponseObligationTable } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export type RuleVersionKind = 'alert-rules' | 'templates';

export interface RuleVersionRow {
  id: number;
  kind: RuleVersionKind;
  version: string;
  validFrom: string;
  body: unknown;
  note: string;
  createdAt: Date;
  createdBy: string;
}

export interface GradeRow {
  id: number;
  siteId: number;
  grade: string;
  industry: string;
  gradedOn: string;
  reviewDue: string | null;
  evidence: string;
  protectedBasis: string | null;
  source: string;
  recordedAt: Date;
  recordedBy: string;
}
export type NewGrade = Omit<GradeRow, 'id'>;

export interface PlanRow {
  id: number;
  siteId: number;
  level: string;
  kind: string;
  cutPct: Record<string, number>;
  text: string;
  recordedAt: Date;
  recordedBy: string;
}
export type NewPlanRow = Omit<PlanRow, 'id'>;

export interface AlertRow {
  id: number;
  level: string;
  state: string;
  regionCode: string;
  startsAt: Date;
  endsAt: Date | null;
  liftedAt: Date | null;
  basis: string;
  rulesVersion: string;
  judgedTo: Date | null;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  demo: boolean;
}
export type NewAlert = Omit<AlertRow, 'id' | 'judgedTo' | 'liftedAt' | 'updatedAt'>;

export interface AlertEventRow {
  id: number;
  alertId: number;
  kind: string;
  level: string;
  at: Date;
  actor: string;
  note: string;
}
export type NewAlertEvent = Omit<AlertEventRow, 'id' | 'alertId'>;

export interface ObligationRow {
  id: number;
  alertId: number;
  siteId: number;
  grade: string;
  industry: string;
  protectedBasis: string | null;
  measure: unknown;
  baseline: unknown;
  expectedCut: unknown;
  status: string;
  alarmId: number | null;
  updatedAt: Date;
}
export type NewObligation = Omit<ObligationRow, 'id' | 'alarmId'>;

export interface ObligationHourRow {
  obligationId: number;
  hour: Date;
  level: string;
  verdict: string;
  evidence: unknown;
  judgedAt: Date;
}

export interface ForecastRow {
  regionCode: string;
  date: string;
  aqi: number;
  primaryPollutant: string | null;
  source: string;
  issuedAt: Date;
  createdBy: string;
}

const ms = (d: Date): number => d.getTime();
const date = (v: number | string | null): Date | null => (v === null ? null : new Date(Number(v)));

function toAlert(r: Selectable<ResponseAlertTable>): AlertRow {
  return {
    id: Number(r.id),
    level: r.level,
    state: r.state,
    regionCode: r.region_code,
    startsAt: new Date(Number(r.starts_at)),
    endsAt: date(r.ends_at),
    liftedAt: date(r.lifted_at),
    basis: r.basis,
    rulesVersion: r.rules_version,
    judgedTo: date(r.judged_to),
    createdAt: new Date(Number(r.created_at)),
    createdBy: r.created_by,
    updatedAt: new Date(Number(r.updated_at)),
    demo: Number(r.demo) === 1,
  };
}

function toObligation(r: Selectable<ResponseObligationTable>): ObligationRow {
  return {
    id: Number(r.id),
    alertId: Number(r.alert_id),
    siteId: Number(r.site_id),
    grade: r.grade,
    industry: r.industry,
    protectedBasis: r.protected_basis,
    measure: JSON.parse(r.measure) as unknown,
    baseline: JSON.parse(r.baseline) as unknown,
    expectedCut: JSON.parse(r.expected_cut) as unknown,
    status: r.status,
    alarmId: r.alarm_id === null ? null : Number(r.alarm_id),
    updatedAt: new Date(Number(r.updated_at)),
  };
}

export class ResponseRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Runs work in one transaction (the service adds its audit entry to it). */
  transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  async addRuleVersion(row: Omit<RuleVersionRow, 'id'>, trx?: Db): Promise<number> {
    const r = await (trx ?? this.db)
      .insertInto('response_rule_versions')
      .values({
        kind: row.kind,
        version: row.version,
        valid_from: row.validFrom,
        body: JSON.stringify(row.body),
        note: row.note,
        created_at: ms(row.createdAt),
        created_by: row.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  }

  /** The versions of a kind, newest valid-from (then newest recorded) first. */
  async ruleVersions(kind: RuleVersionKind): Promise<RuleVersionRow[]> {
    const rows = await this.db
      .selectFrom('response_rule_versions')
      .selectAll()
      .where('kind', '=', kind)
      .orderBy('valid_from', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind as RuleVersionKind,
      version: r.version,
      validFrom: r.valid_from,
      body: JSON.parse(r.body) as unknown,
      note: r.note,
      createdAt: new Date(Number(r.created_at)),
      createdBy: r.created_by,
    }));
  }

  async addGrades(rows: readonly NewGrade[], trx?: Db): Promise<void> {
    if (rows.length === 0) return;
    await (trx ?? this.db)
      .insertInto('enterprise_grades')
      .values(
        rows.map((g) => ({
          site_id: g.siteId,
          grade: g.grade,
          industry: g.industry,
          graded_on: g.gradedOn,
          review_due: g.reviewDue,
          evidence: g.evidence,
          protected_basis: g.protectedBasis,
          source: g.source,
          recorded_at: ms(g.recordedAt),
          recorded_by: g.recordedBy,
        })),
      )
      .execute();
  }

  /** Every grade row of some sites (all sites when `siteIds` is undefined), oldest first. */
  async grades(siteIds?: readonly number[]): Promise<GradeRow[]> {
    if (siteIds !== undefined && siteIds.length === 0) return [];
    let q = this.db.selectFrom('enterprise_grades').selectAll();
    if (siteIds !== undefined) q = q.where('site_id', 'in', [...siteIds]);
    const rows = await q.orderBy('id').execute();
    return rows.map((r) => ({
      id: Number(r.id),
      siteId: Number(r.site_id),
      grade: r.grade,
      industry: r.industry,
      gradedOn: r.graded_on,
      reviewDue: r.review_due,
      evidence: r.evidence,
      protectedBasis: r.protected_basis,
      source: r.source,
      recordedAt: new Date(Number(r.recorded_at)),
      recordedBy: r.recorded_by,
    }));
  }

  async addPlanRow(row: NewPlanRow, trx?: Db): Promise<void> {
    await (trx ?? this.db)
      .insertInto('enterprise_response_plans')
      .values({
        site_id: row.siteId,
        level: row.level,
        kind: row.kind,
        cut_pct: JSON.stringify(row.cutPct),
        text: row.text,
        recorded_at: ms(row.recordedAt),
        recorded_by: row.recordedBy,
      })
      .execute();
  }

  /** Every own-list row of some sites, oldest first. */
  async planRows(siteIds: readonly number[]): Promise<PlanRow[]> {
    if (siteIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('enterprise_response_plans')
      .selectAll()
      .where('site_id', 'in', [...siteIds])
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      siteId: Number(r.site_id),
      level: r.level,
      kind: r.kind,
      cutPct: JSON.parse(r.cut_pct) as Record<string, number>,
      text: r.text,
      recordedAt: new Date(Number(r.recorded_at)),
      recordedBy: r.recorded_by,
    }));
  }

  /** Creates an alert with its first history entry. */
  async createAlert(alert: NewAlert, first: NewAlertEvent, trx: Db): Promise<AlertRow> {
    const row = await trx
      .insertInto('response_alerts')
      .values({
        level: alert.level,
        state: alert.state,
        region_code: alert.regionCode,
        starts_at: ms(alert.startsAt),
        ends_at: alert.endsAt === null ? null : ms(alert.endsAt),
        lifted_at: null,
        basis: alert.basis,
        rules_version: alert.rulesVersion,
        judged_to: null,
        created_at: ms(alert.createdAt),
        created_by: alert.createdBy,
        updated_at: ms(alert.createdAt),
        demo: alert.demo ? 1 : 0,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const created = toAlert(row);
    await this.appendEvent(created.id, first, trx);
    return created;
  }

  async appendEvent(alertId: number, e: NewAlertEvent, trx: Db): Promise<void> {
    await trx
      .insertInto('response_alert_events')
      .values({ alert_id: alertId, kind: e.kind, level: e.level, at: ms(e.at), actor: e.actor, note: e.note })
      .execute();
  }

  /** Sets an alert's cached level and state (after an event is appended in the same transaction). */
  async setAlertStatus(
    id: number,
    status: { level: string; state: string; liftedAt: Date | null; at: Date },
    trx: Db,
  ): Promise<void> {
    await trx
      .updateTable('response_alerts')
      .set({
        level: status.level,
        state: status.state,
        lifted_at: status.liftedAt === null ? null : ms(status.liftedAt),
        updated_at: ms(status.at),
      })
      .where('id', '=', id)
      .execute();
  }

  async setJudgedTo(id: number, to: Date): Promise<void> {
    await this.db
      .updateTable('response_alerts')
      .set({ judged_to: ms(to) })
      .where('id', '=', id)
      .execute();
  }

  async getAlert(id: number): Promise<AlertRow | null> {
    const r = await this.db.selectFrom('response_alerts').selectAll().where('id', '=', id).executeTakeFirst();
    return r === undefined ? null : toAlert(r);
  }

  /** Alerts, newest first; only of a state when given. */
  async listAlerts(filter: { state?: string; limit: number }): Promise<AlertRow[]> {
    let q = this.db.selectFrom('response_alerts').selectAll();
    if (filter.state !== undefined) q = q.where('state', '=', filter.state);
    const rows = await q.orderBy('starts_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
    return rows.map(toAlert);
  }

  async events(alertId: number): Promise<AlertEventRow[]> {
    const rows = await this.db
      .selectFrom('response_alert_events')
      .selectAll()
      .where('alert_id', '=', alertId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      alertId: Number(r.alert_id),
      kind: r.kind,
      level: r.level,
      at: new Date(Number(r.at)),
      actor: r.actor,
      note: r.note,
    }));
  }

  async addObligations(rows: readonly NewObligation[], trx: Db): Promise<void> {
    if (rows.length === 0) return;
    await trx
      .insertInto('response_obligations')
      .values(
        rows.map((o) => ({
          alert_id: o.alertId,
          site_id: o.siteId,
          grade: o.grade,
          industry: o.industry,
          protected_basis: o.protectedBasis,
          measure: JSON.stringify(o.measure),
          baseline: JSON.stringify(o.baseline),
          expected_cut: JSON.stringify(o.expectedCut),
          status: o.status,
          alarm_id: null,
          updated_at: ms(o.updatedAt),
        })),
      )
      .execute();
  }

  /** Obligations of an alert (of some sites only when given), by id. */
  async obligations(alertId: number, siteIds?: readonly number[]): Promise<ObligationRow[]> {
    if (siteIds !== undefined && siteIds.length === 0) return [];
    let q = this.db.selectFrom('response_obligations').selectAll().where('alert_id', '=', alertId);
    if (siteIds !== undefined) q = q.where('site_id', 'in', [...siteIds]);
    return (await q.orderBy('id').execute()).map(toObligation);
  }

  /** Obligations of one enterprise across alerts, newest first. */
  async obligationsOfSite(siteId: number, limit: number): Promise<ObligationRow[]> {
    const rows = await this.db
      .selectFrom('response_obligations')
      .selectAll()
      .where('site_id', '=', siteId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toObligation);
  }

  async updateObligation(
    id: number,
    patch: {
      status?: string;
      measure?: unknown;
      baseline?: unknown;
      expectedCut?: unknown;
      alarmId?: number;
      at: Date;
    },
    trx?: Db,
  ): Promise<void> {
    await (trx ?? this.db)
      .updateTable('response_obligations')
      .set({
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.measure !== undefined ? { measure: JSON.stringify(patch.measure) } : {}),
        ...(patch.baseline !== undefined ? { baseline: JSON.stringify(patch.baseline) } : {}),
        ...(patch.expectedCut !== undefined ? { expected_cut: JSON.stringify(patch.expectedCut) } : {}),
        ...(patch.alarmId !== undefined ? { alarm_id: patch.alarmId } : {}),
        updated_at: ms(patch.at),
      })
      .where('id', '=', id)
      .execute();
  }

  /** Stores judged hours; an hour already judged for an obligation is kept as it was. */
  async addHours(rows: readonly ObligationHourRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const res = await this.db
      .insertInto('response_obligation_hours')
      .values(
        rows.map((h) => ({
          obligation_id: h.obligationId,
          hour: ms(h.hour),
          level: h.level,
          verdict: h.verdict,
          evidence: JSON.stringify(h.evidence),
          judged_at: ms(h.judgedAt),
        })),
      )
      .onConflict((oc) => oc.columns(['obligation_id', 'hour']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0);
  }

  /** Judged hours of some obligations, oldest first. */
  async hours(obligationIds: readonly number[]): Promise<ObligationHourRow[]> {
    if (obligationIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('response_obligation_hours')
      .selectAll()
      .where('obligation_id', 'in', [...obligationIds])
      .orderBy('hour')
      .orderBy('obligation_id')
      .execute();
    return rows.map((r) => ({
      obligationId: Number(r.obligation_id),
      hour: new Date(Number(r.hour)),
      level: r.level,
      verdict: r.verdict,
      evidence: JSON.parse(r.evidence) as unknown,
      judgedAt: new Date(Number(r.judged_at)),
    }));
  }

  async addForecasts(rows: readonly ForecastRow[], trx?: Db): Promise<void> {
    if (rows.length === 0) return;
    await (trx ?? this.db)
      .insertInto('response_forecasts')
      .values(
        rows.map((f) => ({
          region_code: f.regionCode,
          date: f.date,
          aqi: f.aqi,
          primary_pollutant: f.primaryPollutant,
          source: f.source,
          issued_at: ms(f.issuedAt),
          created_by: f.createdBy,
        })),
      )
      .execute();
  }

  /** The newest forecast of each date of a region from `fromDate` on, by date. */
  async forecasts(regionCode: string, fromDate: string): Promise<ForecastRow[]> {
    const rows = await this.db
      .selectFrom('response_forecasts')
      .selectAll()
      .where('region_code', '=', regionCode)
      .where('date', '>=', fromDate)
      .orderBy('date')
      .orderBy('issued_at')
      .orderBy('id')
      .execute();
    const newest = new Map<string, ForecastRow>();
    for (const r of rows) {
      newest.set(r.date, {
        regionCode: r.region_code,
        date: r.date,
        aqi: Number(r.aqi),
        primaryPollutant: r.primary_pollutant,
        source: r.source,
        issuedAt: new Date(Number(r.issued_at)),
        createdBy: r.created_by,
      });
    }
    return [...newest.values()];
  }
}
