/**
 * The timer side of the waste deadlines: `tick()` runs one `WasteService.evaluate()` pass (overdue
 * receipts, storage time and capacity, balance gaps, declarations). The platform calls it on an
 * interval; it keeps no state between ticks, and a tick while one runs waits for that one.
 */
import { MINUTE_MS } from '../standards/china-time.js';
import type { WastePass, WasteService } from './waste.service.js';

/** How often the platform ticks (deadlines are in working days; ten minutes is plenty). */
export const WASTE_TICK_MS = 10 * MINUTE_MS;

export class WasteTimer {
  private running: Promise<WastePass> | null = null;
  constructor(private readonly waste: Pick<WasteService, 'evaluate'>) {}

  tick(): Promise<WastePass> {
    this.running ??= this.waste.evaluate().finally(() => {
      this.running = null;
    });
    return this.running;
  }
}
