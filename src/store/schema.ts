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

export interface Database {
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
}
