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
}

export interface Database {
  districts: DistrictTable;
  sites: SiteTable;
  devices: DeviceTable;
  readings: ReadingTable;
  corrections: CorrectionTable;
  packet_log: PacketLogTable;
  users: UserTable;
}
