/**
 * Table shapes as Kysely sees them. Instants are integer milliseconds since the Unix epoch (UTC)
 * in both dialects; booleans are 0/1 integers; JSON is text. One representation keeps one set of
 * repositories for SQLite and PostgreSQL.
 */
import type { Generated } from 'kysely';

export interface DistrictTable {
  code: string;
  name: string;
  name_en: string;
  parent_code: string | null;
  /** GeoJSON geometry (Polygon or MultiPolygon) as text. */
  boundary: string | null;
  retired_at: number | null;
}

export interface CityTable {
  code: string;
  name: string;
  name_en: string;
  updated_at: number;
}

export interface SiteTable {
  id: Generated<number>;
  kind: string;
  code: string;
  name: string;
  district_code: string;
  longitude: number | null;
  latitude: number | null;
  parent_id: number | null;
  attributes: string;
  demo: number;
  created_at: number;
  retired_at: number | null;
  updated_at: number | null;
}

export interface DeviceTable {
  id: Generated<number>;
  mn: string;
  site_id: number;
  protocol: string;
  enabled: number;
  password_hash: string;
  allowed_addresses: string;
  last_seen_at: number | null;
  created_at: number;
}

export interface ReadingTable {
  id: Generated<number>;
  site_id: number;
  parameter: string;
  interval: string;
  period_start: number;
  value: number | null;
  value_text: string | null;
  min: number | null;
  max: number | null;
  cumulative: number | null;
  flag: string | null;
  source: string;
  received_at: number;
}

export interface CorrectionTable {
  id: Generated<number>;
  reading_id: number;
  value: number | null;
  flag: string | null;
  invalid: number;
  reason: string;
  corrected_by: string;
  corrected_at: number;
}

export interface PacketLogTable {
  id: Generated<number>;
  received_at: number;
  peer: string | null;
  mn: string | null;
  qn: string | null;
  cn: string | null;
  outcome: string;
  code: string | null;
  reason: string | null;
  raw: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  role: string;
  district_code: string | null;
  enterprise_site_id: number | null;
  enabled: number;
  created_at: number;
  /** 1 for accounts made by `qingshan demo`; refused when the database is run with `serve`. */
  demo: Generated<number>;
}

/** A login session: only the SHA-256 of its bearer token is stored. */
export interface SessionTable {
  token_hash: string;
  user_id: number;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  address: string | null;
}

/** A failed login, kept for the rate limit's window (per user and per address). */
export interface LoginFailureTable {
  id: Generated<number>;
  username: string;
  address: string;
  at: number;
}

/** The audit log: append-only, each entry chained to the one before by a SHA-256 hash. */
export interface AuditLogTable {
  /** 1, 2, 3, … without gaps: assigned under the chain head's lock, not by a sequence. */
  seq: number;
  at: number;
  actor: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** Canonical JSON object. */
  details: string;
  address: string | null;
  prev_hash: string;
  hash: string;
}

/** The one-row head of the audit chain: its newest seq and hash. Its row lock serialises writers. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** A closed-loop case (issue 9). The columns after `demo` cache the fold of its events. */
export interface CaseTable {
  id: Generated<number>;
  source: string;
  alarm_id: number | null;
  external_ref: string | null;
  subject_type: string;
  subject_site_id: number | null;
  subject_name: string;
  district_code: string;
  category: string;
  title: string;
  description: string;
  created_at: number;
  created_by: string;
  demo: Generated<number>;
  state: string;
  last_seq: number;
  responsible_type: string | null;
  responsible_code: string | null;
  responsible_name: string | null;
  responsible_site_id: number | null;
  deadline: number | null;
  escalation: string;
  assigned_at: number | null;
  rectified_at: number | null;
  rectified_on_time: number | null;
  first_closed_at: number | null;
  closed_at: number | null;
  reopen_count: Generated<number>;
  updated_at: number;
  /** Where the problem is, as described (migration 0009). */
  location: string | null;
  /** Who reported it: a complainant or the superior office (migration 0009). */
  reporter: string | null;
}

/** One event of a case: append-only, numbered 1, 2, 3… within its case. */
export interface CaseEventTable {
  id: Generated<number>;
  case_id: number;
  seq: number;
  kind: string;
  from_state: string | null;
  to_state: string | null;
  actor: string;
  actor_role: string;
  at: number;
  comment: string;
  /** JSON object: the kind's own facts (reason, deadline, responsible unit, level…). */
  data: string;
}

/** Evidence metadata; the bytes sit on disk or in `attachment_blobs`, by SHA-256. */
export interface CaseAttachmentTable {
  id: Generated<number>;
  case_id: number;
  event_id: number | null;
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage: string;
  uploaded_by: string;
  uploaded_at: number;
}

export interface AttachmentBlobTable {
  sha256: string;
  size_bytes: number;
  content: Buffer;
}

/** A notice to an audience ("bureau", "district:<code>", "enterprise:<site id>"). */
export interface NotificationTable {
  id: Generated<number>;
  audience: string;
  case_id: number | null;
  kind: string;
  message_zh: string;
  message_en: string;
  created_at: number;
}

/** An urban black-odorous water body (城市黑臭水体) under the 2015 guide. */
export interface BlackOdorousBodyTable {
  id: Generated<number>;
  code: string;
  name: string;
  district_code: string;
  location: string;
  length_m: number | null;
  demo: number;
  created_at: number;
}

/** A sampling point of a black-odorous water body; `seq` orders the points along it. */
export interface BlackOdorousPointTable {
  id: Generated<number>;
  body_id: number;
  code: string;
  name: string;
  seq: number;
  longitude: number | null;
  latitude: number | null;
}

/** One measurement at a point: SD cm, DO mg/L, ORP mV, NH3-N mg/L, depth cm. */
export interface BlackOdorousSampleTable {
  id: Generated<number>;
  point_id: number;
  sampled_at: number;
  sd_cm: number;
  do_mg_l: number;
  orp_mv: number;
  nh3n_mg_l: number;
  depth_cm: number | null;
  entered_by: string;
  entered_at: number;
}

/** An emission limit of one outlet (migration 0003): appended, never edited. */
export interface LimitTable {
  id: Generated<number>;
  site_id: number;
  parameter: string;
  value: number;
  lower_value: number | null;
  unit: string;
  averaging: string;
  reference_o2: number | null;
  standard: string;
  clause: string;
  /** China-local days `YYYY-MM-DD`; null = unbounded. */
  valid_from: string | null;
  valid_to: string | null;
  /** `preset:<standard>` or `bureau`. */
  source: string;
  note: string | null;
  created_by: string;
  created_at: number;
}

/** An alarm (migration 0003); `open_key` is set while not closed (one open alarm per key). */
export interface AlarmTable {
  id: Generated<number>;
  site_id: number;
  parameter: string;
  rule: string;
  severity: string;
  state: string;
  open_key: string | null;
  opened_at: number;
  updated_at: number;
  last_seen_at: number;
  window_from: number;
  window_to: number;
  count: number;
  limit_value: number | null;
  message_zh: string;
  message_en: string;
  /** JSON array of the finding's values. */
  evidence: string;
  cleared_since: number | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  closed_at: number | null;
  closed_by: string | null;
  close_reason: string | null;
  /** active | cleared (migration 0008). */
  condition: Generated<string>;
  cleared_at: number | null;
  /** unhandled | acknowledged | handled (migration 0008). */
  handling: Generated<string>;
  disposition: string | null;
  disposition_case_id: number | null;
  disposition_reason: string | null;
  handled_at: number | null;
  handled_by: string | null;
  explanation_text: string | null;
  explanation_by: string | null;
  explanation_at: number | null;
}

/** Evidence files of an enterprise's explanation of an alarm (migration 0008). */
export interface AlarmAttachmentTable {
  id: Generated<number>;
  alarm_id: number;
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage: string;
  uploaded_by: string;
  uploaded_at: number;
}

/** The append-only history of an alarm (migration 0003). */
export interface AlarmEventTable {
  id: Generated<number>;
  alarm_id: number;
  site_id: number;
  at: number;
  kind: string;
  severity: string;
  actor: string | null;
  comment: string | null;
  details: Generated<string>;
}

/** Alarm threshold overrides per industry (GB/T 4754 code) or per site id (migration 0003). */
export interface AlarmSettingTable {
  scope: string;
  scope_key: string;
  /** JSON object of `AlarmThresholdOverrides`. */
  overrides: string;
  updated_by: string;
  updated_at: number;
}

/** Versions of bureau settings, append-only; the newest per name is in force (migration 0006). */
export interface BureauSettingTable {
  id: Generated<number>;
  name: string;
  /** JSON of the setting's value. */
  value: string;
  changed_by: string;
  changed_at: number;
}

/** A factor-library row (migration 0010; append-only). */
export interface CarbonFactorTable {
  id: Generated<number>;
  key: string;
  family: string;
  region: string;
  value: string;
  unit: string;
  source_doc: string;
  clause: string;
  valid_from: string;
  valid_to: string | null;
  tag: string;
  created_by: string;
  created_at: number;
}

/** One version of an enterprise's energy account for a month (append-only; the newest is in force). */
export interface EnergyAccountTable {
  id: Generated<number>;
  site_id: number;
  /** China month, YYYY-MM. */
  month: string;
  version: number;
  /** Carrier → quantity as a decimal string (JSON). */
  quantities: string;
  /** 10⁴ CNY, decimal string. */
  value_added: string | null;
  output_value: string | null;
  /** GB/T 4754 industry code at the time. */
  sector: string;
  source: string;
  recorded_by: string;
  recorded_at: number;
  reason: string | null;
  demo: number;
}

/** One version of an enterprise's annual energy budget (append-only; the newest is in force). */
export interface EnergyBudgetTable {
  id: Generated<number>;
  site_id: number;
  year: number;
  budget_tce: string;
  /** How it was set (baseline, tier, cuts, factors), JSON. */
  basis: string;
  issued_by: string;
  issued_at: number;
  reason: string | null;
  demo: number;
}

/** A transfer of unused energy budget between enterprises (append-only). */
export interface EnergyBudgetTransferTable {
  id: Generated<number>;
  year: number;
  from_site_id: number;
  to_site_id: number;
  amount_tce: string;
  reason: string;
  recorded_by: string;
  recorded_at: number;
  demo: number;
}

/** A waste role of an enterprise site (migration 0011). Lists are JSON text. */
export interface WastePartyTable {
  site_id: number;
  role: string;
  permit_no: string | null;
  vehicles: Generated<string>;
  licence_codes: Generated<string>;
  licence_methods: Generated<string>;
  annual_capacity_kg: number | null;
  updated_at: number;
  updated_by: string;
  demo: Generated<number>;
}

export interface WasteCatalogueTable {
  edition: string;
  code: string;
  category: string;
  name: string;
  /** Hazard properties joined by `/`. */
  hazards: string;
  tag: string;
  updated_at: number;
  updated_by: string;
}

export interface WasteFacilityTable {
  id: Generated<number>;
  site_id: number;
  code: string;
  name: string;
  capacity_kg: number;
  location: string;
}

export interface WasteManifestTable {
  id: Generated<number>;
  number: string;
  consignor_site_id: number;
  carrier_site_id: number;
  receiver_site_id: number;
  created_at: number;
  created_by: string;
  demo: Generated<number>;
  state: string;
  last_seq: number;
  vehicle: string | null;
  picked_up_at: number | null;
  receipt_due_at: number | null;
  received_at: number | null;
  disposed_at: number | null;
  method: string | null;
  /** JSON list of discrepancy records. */
  discrepancies: Generated<string>;
  updated_at: number;
}

export interface WasteManifestItemTable {
  id: Generated<number>;
  manifest_id: number;
  line: number;
  code: string;
  name: string;
  form: string;
  hazard: string;
  packaging: string;
  quantity_kg: number;
  facility_id: number | null;
  received_kg: number | null;
  received_code: string | null;
}

/** Append-only (triggers refuse updates and deletes). */
export interface WasteManifestEventTable {
  id: Generated<number>;
  manifest_id: number;
  seq: number;
  kind: string;
  from_state: string | null;
  to_state: string | null;
  actor: string;
  actor_role: string;
  at: number;
  comment: string;
  data: Generated<string>;
}

/** Append-only (triggers refuse updates and deletes). */
export interface WasteLedgerTable {
  id: Generated<number>;
  site_id: number;
  kind: string;
  at: number;
  code: string;
  quantity_kg: number;
  facility_id: number | null;
  batch: string;
  container: string;
  handler: string;
  manifest_id: number | null;
  note: string;
  recorded_at: number;
  recorded_by: string;
  demo: Generated<number>;
}

export interface WastePlanTable {
  id: Generated<number>;
  site_id: number;
  year: number;
  code: string;
  planned_kg: number;
  filed_at: number;
  filed_by: string;
}

export interface WasteDeclarationTable {
  id: Generated<number>;
  site_id: number;
  kind: string;
  period: string;
  filed_at: number;
  filed_by: string;
}

export interface WasteStatTable {
  id: Generated<number>;
  month: string;
  scope: string;
  key: string;
  value: number;
  target: number | null;
  entered_at: number;
  entered_by: string;
}

/** An indicator's annual target or an entered statistic (migration 0013; append-only). */
export interface IndicatorEntryTable {
  id: Generated<number>;
  kind: string;
  indicator_key: string;
  year: number;
  scope: string;
  code: string;
  value: number;
  note: string | null;
  entered_by: string;
  entered_at: number;
}

/** A generated report (migration 0013; append-only); bytes in the blob store by SHA-256. */
export interface ReportTable {
  id: Generated<number>;
  kind: string;
  period: string;
  format: string;
  enterprise_code: string | null;
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage: string;
  created_by: string;
  created_at: number;
}

export interface Database {
  city: CityTable;
  districts: DistrictTable;
  sites: SiteTable;
  devices: DeviceTable;
  readings: ReadingTable;
  corrections: CorrectionTable;
  packet_log: PacketLogTable;
  users: UserTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  limits: LimitTable;
  alarms: AlarmTable;
  alarm_events: AlarmEventTable;
  alarm_settings: AlarmSettingTable;
  cases: CaseTable;
  case_events: CaseEventTable;
  case_attachments: CaseAttachmentTable;
  attachment_blobs: AttachmentBlobTable;
  notifications: NotificationTable;
  black_odorous_bodies: BlackOdorousBodyTable;
  black_odorous_points: BlackOdorousPointTable;
  black_odorous_samples: BlackOdorousSampleTable;
  bureau_settings: BureauSettingTable;
  alarm_attachments: AlarmAttachmentTable;
  carbon_factors: CarbonFactorTable;
  energy_accounts: EnergyAccountTable;
  energy_budgets: EnergyBudgetTable;
  energy_budget_transfers: EnergyBudgetTransferTable;
  waste_parties: WastePartyTable;
  waste_catalogue: WasteCatalogueTable;
  waste_facilities: WasteFacilityTable;
  waste_manifests: WasteManifestTable;
  waste_manifest_items: WasteManifestItemTable;
  waste_manifest_events: WasteManifestEventTable;
  waste_ledger: WasteLedgerTable;
  waste_plans: WastePlanTable;
  waste_declarations: WasteDeclarationTable;
  waste_stats: WasteStatTable;
  response_rule_versions: ResponseRuleVersionTable;
  enterprise_grades: EnterpriseGradeTable;
  enterprise_response_plans: EnterpriseResponsePlanTable;
  response_alerts: ResponseAlertTable;
  response_alert_events: ResponseAlertEventTable;
  response_obligations: ResponseObligationTable;
  response_obligation_hours: ResponseObligationHourTable;
  response_forecasts: ResponseForecastTable;
  indicator_entries: IndicatorEntryTable;
  reports: ReportTable;
}

/** A version of a response rule table or of the measure templates (migration 0012): append-only. */
export interface ResponseRuleVersionTable {
  id: Generated<number>;
  kind: string;
  version: string;
  valid_from: string;
  /** JSON of the table. */
  body: string;
  note: string;
  created_at: number;
  created_by: string;
}

/** An enterprise's performance grade, as recorded (append-only history; the newest row is in force). */
export interface EnterpriseGradeTable {
  id: Generated<number>;
  site_id: number;
  grade: string;
  industry: string;
  graded_on: string;
  review_due: string | null;
  evidence: string;
  protected_basis: string | null;
  source: string;
  recorded_at: number;
  recorded_by: string;
}

/** A row of an enterprise's own reduction list (一厂一策) for one level (append-only; the newest wins). */
export interface EnterpriseResponsePlanTable {
  id: Generated<number>;
  site_id: number;
  level: string;
  kind: string;
  /** JSON of the cut per pollutant, %. */
  cut_pct: string;
  text: string;
  recorded_at: number;
  recorded_by: string;
}

/** A heavy-pollution alert; level and state are a cache of its events. */
export interface ResponseAlertTable {
  id: Generated<number>;
  level: string;
  state: string;
  region_code: string;
  starts_at: number;
  ends_at: number | null;
  lifted_at: number | null;
  basis: string;
  rules_version: string;
  /** Hours before this instant have been judged. */
  judged_to: number | null;
  created_at: number;
  created_by: string;
  updated_at: number;
  demo: number;
}

/** One entry of an alert's history: append-only. */
export interface ResponseAlertEventTable {
  id: Generated<number>;
  alert_id: number;
  kind: string;
  level: string;
  at: number;
  actor: string;
  note: string;
}

/** What one listed enterprise must do during one alert, and how it is doing. */
export interface ResponseObligationTable {
  id: Generated<number>;
  alert_id: number;
  site_id: number;
  grade: string;
  industry: string;
  protected_basis: string | null;
  measure: string;
  baseline: string;
  expected_cut: string;
  status: string;
  alarm_id: number | null;
  updated_at: number;
}

/** The judgement of one alert hour of one obligation, with its evidence: append-only. */
export interface ResponseObligationHourTable {
  id: Generated<number>;
  obligation_id: number;
  hour: number;
  level: string;
  verdict: string;
  evidence: string;
  judged_at: number;
}

/** One forecast daily AQI of a region (city or district code). */
export interface ResponseForecastTable {
  id: Generated<number>;
  region_code: string;
  date: string;
  aqi: number;
  primary_pollutant: string | null;
  source: string;
  issued_at: number;
  created_by: string;
}
