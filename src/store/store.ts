/**
 * The store: one facade over the repositories, opened from the configured URL. The same code
 * serves SQLite (embedded default) and PostgreSQL (scale-out).
 */
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import type { DbLocation } from '../config/config.js';
import { AttachmentRepository, DatabaseBlobStore, DiskBlobStore } from './attachment.repository.js';
import { AirRepository } from './air.repository.js';
import { AlarmRepository } from './alarm.repository.js';
import { AlarmWindowRepository } from './alarm-window.repository.js';
import { AuditRepository } from './audit.repository.js';
import { CaseRepository } from './case.repository.js';
import { CarbonRepository } from './carbon.repository.js';
import { CorrectionRepository } from './correction.repository.js';
import type { Dialect, PoolStats } from './db.js';
import { openConnection } from './db.js';
import { DeviceRepository } from './device.repository.js';
import { DistrictRepository } from './district.repository.js';
import { IndicatorRepository } from './indicator.repository.js';
import { IngestRepository } from './ingest.repository.js';
import { LimitRepository } from './limit.repository.js';
import type { MigrationStatus } from './migrations/index.js';
import { SchemaTooNewError, migrateToLatest, migrationStatus } from './migrations/index.js';
import { NotificationRepository } from './notification.repository.js';
import { PacketLogRepository } from './packet-log.repository.js';
import { ReadingRepository } from './reading.repository.js';
import { ResponseRepository } from './response.repository.js';
import { ReportRepository } from './report.repository.js';
import type { Database } from './schema.js';
import { SessionRepository } from './session.repository.js';
import { SettingsRepository } from './settings.repository.js';
import { CityRepository } from './city.repository.js';
import { SiteRepository } from './site.repository.js';
import { UserRepository } from './user.repository.js';
import { BlackOdorousRepository } from './black-odorous.repository.js';
import { WaterRepository } from './water.repository.js';
import { WasteRepository } from './waste.repository.js';

export interface Store {
  readonly dialect: Dialect;
  readonly db: Kysely<Database>;
  /** The city the installation serves (name, code). */
  readonly city: CityRepository;
  readonly districts: DistrictRepository;
  /** Air-station hours and day sums for the air assessment. */
  readonly air: AirRepository;
  readonly sites: SiteRepository;
  readonly devices: DeviceRepository;
  readonly readings: ReadingRepository;
  readonly corrections: CorrectionRepository;
  readonly packets: PacketLogRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly audit: AuditRepository;
  readonly limits: LimitRepository;
  readonly alarms: AlarmRepository;
  readonly alarmWindows: AlarmWindowRepository;
  /** Surface-water day sums for the section assessment. */
  readonly water: WaterRepository;
  readonly blackOdorous: BlackOdorousRepository;
  readonly cases: CaseRepository;
  /** Case evidence: files beside the SQLite database, or rows in the database (see `evidenceDir`). */
  readonly attachments: AttachmentRepository;
  readonly notifications: NotificationRepository;
  /** Bureau settings: alarm threshold overrides, the rules that open cases by themselves. */
  readonly settings: SettingsRepository;
  /** Carbon: the factor library, energy accounts, budgets and transfers (all append-only). */
  readonly carbon: CarbonRepository;
  /** Hazardous waste: parties, catalogue, facilities, ledger, manifests, plans, statistics. */
  readonly waste: WasteRepository;
  /** The group-commit write path of the ingest edges. */
  readonly ingest: IngestRepository;
  /** Heavy-pollution response: rules, grades, alerts, obligations, forecasts (migration 0012). */
  readonly response: ResponseRepository;
  /** Indicator targets and entered statistics (append-only). */
  readonly indicators: IndicatorRepository;
  /** Generated reports: records, and bytes in the evidence blob store. */
  readonly reports: ReportRepository;
  /**
   * Brings the schema up to date; returns the migrations it ran. Refuses (SchemaTooNewError) a
   * database that has run a migration this code does not know.
   */
  migrate(): Promise<string[]>;
  /** Migrations run, pending and unknown to this code (readiness, backups). */
  migrationStatus(): Promise<MigrationStatus>;
  /** The PostgreSQL pool's connections; null on SQLite. */
  poolStats(): PoolStats | null;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  clock?: Clock;
  /** Run migrations on open (default true). */
  migrate?: boolean;
  /**
   * Folder for case evidence files; null keeps evidence in the database. Default: `evidence/` beside
   * a SQLite file; the database for PostgreSQL (several processes) and in-memory SQLite.
   */
  evidenceDir?: string | null;
}

/** Opens the store at a location. */
export async function openStore(location: DbLocation, options: OpenStoreOptions = {}): Promise<Store> {
  const clock = options.clock ?? systemClock;
  const conn = await openConnection(location);
  const { db } = conn;
  const readings = new ReadingRepository(db, conn.sqlite);
  const evidenceDir =
    options.evidenceDir !== undefined
      ? options.evidenceDir
      : location.kind === 'sqlite' && location.path !== ':memory:'
        ? join(dirname(location.path), 'evidence')
        : null;
  const blobs = evidenceDir === null ? new DatabaseBlobStore(db) : new DiskBlobStore(evidenceDir);
  const store: Store = {
    dialect: conn.dialect,
    db,
    city: new CityRepository(db),
    districts: new DistrictRepository(db),
    air: new AirRepository(db),
    sites: new SiteRepository(db, clock),
    devices: new DeviceRepository(db, clock),
    readings,
    ingest: new IngestRepository(db, readings, conn.sqlite),
    corrections: new CorrectionRepository(db),
    packets: new PacketLogRepository(db),
    users: new UserRepository(db, clock),
    sessions: new SessionRepository(db),
    audit: new AuditRepository(db),
    limits: new LimitRepository(db, clock),
    alarms: new AlarmRepository(db),
    alarmWindows: new AlarmWindowRepository(db),
    water: new WaterRepository(db),
    blackOdorous: new BlackOdorousRepository(db, clock),
    cases: new CaseRepository(db),
    attachments: new AttachmentRepository(db, blobs),
    indicators: new IndicatorRepository(db),
    reports: new ReportRepository(db, blobs),
    notifications: new NotificationRepository(db),
    settings: new SettingsRepository(db),
    carbon: new CarbonRepository(db),
    waste: new WasteRepository(db),
    response: new ResponseRepository(db),
    migrate: async () => {
      const { unknown } = await migrationStatus(db as unknown as Kysely<unknown>);
      if (unknown.length > 0) throw new SchemaTooNewError(unknown);
      return migrateToLatest(db as unknown as Kysely<unknown>, conn.dialect);
    },
    migrationStatus: () => migrationStatus(db as unknown as Kysely<unknown>),
    poolStats: () => conn.poolStats(),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => conn.close(),
  };
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (err) {
      await conn.close();
      throw err;
    }
  }
  return store;
}
