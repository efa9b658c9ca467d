/**
 * The timer side of escalation: `tick()` looks for overdue cases and takes the steps each has
 * become due for (case.service.ts `escalate`). The platform calls it on an interval; it keeps no
 * state between ticks, so several processes may tick the same store (a step taken twice at once is
 * refused by the event numbering and skipped).
 */
import { MINUTE_MS } from '../standards/china-time.js';
import type { EscalationLevel } from './case-machine.js';
import type { CaseService } from './case.service.js';

/** How often the platform should tick, in milliseconds (escalation works in days; a minute is plenty). */
export const ESCALATION_TICK_MS = MINUTE_MS;

export interface EscalationTick {
  /** Overdue cases looked at. */
  checked: number;
  /** Steps taken, by case id. */
  steps: { caseId: number; level: EscalationLevel }[];
}

export class CaseEscalator {
  private running: Promise<EscalationTick> | null = null;
  constructor(private readonly cases: Pick<CaseService, 'overdueCaseIds' | 'escalate'>) {}

  /** One pass over the overdue cases; a tick while one runs waits for that one instead. */
  tick(): Promise<EscalationTick> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<EscalationTick> {
    const ids = await this.cases.overdueCaseIds();
    const steps: EscalationTick['steps'] = [];
    for (const caseId of ids) {
      for (const level of await this.cases.escalate(caseId)) steps.push({ caseId, level });
    }
    return { checked: ids.length, steps };
  }
}
