/** Alarm services over a test store, built as `createServices` builds them but without auto-opened cases. */
import type { AlarmCaller, AlarmServiceOptions } from '../src/alarms/alarm.service.js';
import { AlarmService } from '../src/alarms/alarm.service.js';
import { AuditService } from '../src/audit/audit.service.js';
import { ScopeService } from '../src/auth/scope.js';
import type { Clock } from '../src/clock.js';
import type { Store } from '../src/store/store.js';

/** An alarm service with its own audit and scope services over `store`. */
export function alarmServiceOver(
  store: Store,
  clock: Clock,
  options: AlarmServiceOptions = {},
  audit: AuditService = new AuditService(store.audit, clock),
): AlarmService {
  return new AlarmService({ store, clock, audit, scope: new ScopeService(store), ...options });
}

/** A caller who sees every site (a bureau role), acting from no particular address. */
export function bureauCaller(username: string, role = 'supervisor'): AlarmCaller {
  return { actor: { username, role }, scope: { kind: 'all' }, address: null };
}
