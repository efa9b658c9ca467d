/**
 * The audit trail other modules write to: `record()` for each audited action (logins, account and
 * role changes, device credentials, corrections of readings, limit changes, case transitions,
 * exports), `verify()` to walk the hash chain.
 */
import type { Transaction } from 'kysely';
import type { Clock } from '../clock.js';
import type { AuditFilter, AuditRecord, AuditRepository, ChainHead } from '../store/audit.repository.js';
import { AUDIT_GENESIS_HASH } from '../store/audit.repository.js';
import type { Database } from '../store/schema.js';
import type { Page } from '../store/page.js';
import { checkHead, checkLink, entryHash } from './chain.js';

export type { AuditFilter, AuditRecord } from '../store/audit.repository.js';

/** The audited actions. A module with a new kind of action adds it here. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_changed',
  'user.created',
  'user.updated',
  'user.password_reset',
  'device.registered',
  'device.password_changed',
  'device.addresses_changed',
  'device.enabled_changed',
  'reading.corrected',
  'water.lab_results_entered',
  'water.black_odorous_sample_entered',
  'limit.changed',
  'alarm.acknowledged',
  'alarm.closed',
  'alarm.auto_closed',
  'case.transition',
  'export',
  'case.extension_requested',
  'case.extension_approved',
  'case.extension_rejected',
  'case.escalated',
  'case.evidence_added',
  'site.created',
  'settings.alarm_thresholds_changed',
  'settings.auto_case_rules_changed',
  'city.imported',
  'district.created',
  'district.updated',
  'district.boundary_changed',
  'site.updated',
  'device.updated',
  'alarm.handled',
  'alarm.auto_resolved',
  'alarm.explanation_submitted',
  'alarm.explanation_decided',
  'alarm.case_opened',
  'settings.alarm_auto_resolve_changed',
  'alarm.evidence_added',
  'district.retired',
  'district.reinstated',
  'site.retired',
  'site.reinstated',
  'carbon.account_recorded',
  'carbon.settings_changed',
  'carbon.factor_added',
  'carbon.budgets_issued',
  'carbon.budget_transferred',
  'waste.party_set',
  'waste.catalogue_imported',
  'waste.facility_added',
  'waste.ledger_recorded',
  'waste.manifest_created',
  'waste.manifest_transition',
  'waste.manifest_discrepancy',
  'waste.plan_filed',
  'waste.declaration_filed',
  'waste.stats_entered',
  'waste.settings_changed',
  'response.rules_changed',
  'response.templates_changed',
  'response.grades_set',
  'response.plan_changed',
  'response.forecast_added',
  'response.alert_issued',
  'response.alert_transition',
  'response.obligations_judged',
  'indicator.target_set',
  'indicator.value_entered',
  'report.generated',
  'settings.report_schedule_changed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who did it: a logged-in user, or a named system actor such as "cli". */
export interface AuditActor {
  username: string;
  role: string | null;
}

/** The actor of changes the platform makes by itself (auto-close, escalation, auto-opened cases). */
export const SYSTEM_ACTOR: AuditActor = { username: 'system', role: null };

export interface AuditEvent {
  action: AuditAction;
  /** Null for an anonymous caller (a failed login) or the platform itself. */
  actor: AuditActor | null;
  target?: { type: string; id: string | number } | undefined;
  /** Facts of the action. Keys naming a password, token or secret are refused. */
  details?: Record<string, unknown> | undefined;
  address?: string | null | undefined;
}

/** The outcome of walking the chain. */
export type ChainVerification =
  | { ok: true; entries: number; head: ChainHead }
  | { ok: false; entries: number; brokenSeq: number; reason: string };

/** Detail keys that must never reach the log (the values would then sit there for ever). */
const SECRET_KEY = /password|passwd|^pw$|token|secret/i;

function assertNoSecrets(value: unknown, path: string): void {
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (SECRET_KEY.test(k)) throw new TypeError(`audit details must not carry secrets: ${path}${k}`);
    assertNoSecrets(v, `${path}${k}.`);
  }
}

const SCAN_BATCH = 1000;

export class AuditService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly clock: Clock,
  ) {}

  /** Appends an event to the chain; pass `trx` to commit it with the caller's own rows. */
  async record(event: AuditEvent, trx?: Transaction<Database>): Promise<AuditRecord> {
    const details = event.details ?? {};
    assertNoSecrets(details, '');
    return this.repo.append(
      {
        at: this.clock.now(),
        actor: event.actor?.username ?? null,
        actorRole: event.actor?.role ?? null,
        action: event.action,
        targetType: event.target?.type ?? null,
        targetId: event.target === undefined ? null : String(event.target.id),
        // Round-trip now so that the hash covers exactly what is stored (Dates become strings).
        details: JSON.parse(JSON.stringify(details)) as Record<string, unknown>,
        address: event.address ?? null,
      },
      entryHash,
      trx,
    );
  }

  /** Entries newest first, filtered, in pages. */
  query(filter: AuditFilter): Promise<Page<AuditRecord>> {
    return this.repo.query(filter);
  }

  /** Walks the whole chain from the first entry; names the first entry that breaks it. */
  async verify(): Promise<ChainVerification> {
    let prev = { seq: 0, hash: AUDIT_GENESIS_HASH };
    let entries = 0;
    for (;;) {
      const batch = await this.repo.scan(prev.seq, SCAN_BATCH);
      for (const e of batch) {
        const problem = checkLink(prev, e);
        if (problem !== null) {
          return { ok: false, entries, brokenSeq: Math.min(e.seq, prev.seq + 1), reason: problem };
        }
        prev = { seq: e.seq, hash: e.hash };
        entries += 1;
      }
      if (batch.length < SCAN_BATCH) break;
    }
    const head = await this.repo.head();
    const problem = checkHead(prev, head);
    if (problem !== null) return { ok: false, entries, brokenSeq: prev.seq + 1, reason: problem };
    return { ok: true, entries, head };
  }
}
