import type { AuditEvent } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import type { Store } from '../store/store.js';
import { alarmLookupOf } from './alarm-lookup.js';
import { CaseService } from './case.service.js';

/**
 * The case service over a whole store, with the alarm lookup when the store has alarms. For the
 * routes, the escalator timer, the demo loader and the alarm engine.
 */
export function caseServiceOf(
  store: Store,
  clock: Clock,
  audit?: { record(event: AuditEvent): Promise<unknown> },
): CaseService {
  return new CaseService({ store, clock, audit: audit ?? null, alarms: alarmLookupOf(store) });
}
