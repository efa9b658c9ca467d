/**
 * Outbound notice of an alert to the enterprises it affects (SMS gateway, webhook): an interface the
 * composition is handed, with a default that only logs (docs/response.md §6). The in-app notices and
 * the SSE stream are written by the response service itself.
 */
import type { Logger } from '../logger.js';

/** One outbound notice. */
export interface OutboundNotice {
  /** The enterprise site told. */
  siteId: number;
  siteCode: string;
  /** What happened: an alert issued, upgraded, downgraded or lifted. */
  kind: string;
  alertId: number;
  message: { zh: string; en: string };
}

/** Sends notices out of the platform; a failure is logged by the caller and never undoes the alert. */
export interface OutboundNotifier {
  send(notices: readonly OutboundNotice[]): Promise<void>;
}

/** The default: writes each notice to the log. */
export class LoggingNotifier implements OutboundNotifier {
  constructor(private readonly logger?: Logger) {}
  send(notices: readonly OutboundNotice[]): Promise<void> {
    for (const n of notices) this.logger?.info({ notice: n }, 'response notice (logging adapter)');
    return Promise.resolve();
  }
}

/** An alert change as the SSE stream sends it (`event: response.alert`). */
export interface ResponseStreamEvent {
  kind: string;
  alertId: number;
  level: string;
  state: string;
  regionCode: string;
  /** The enterprises with an obligation under the alert. */
  siteIds: number[];
  at: string;
}

/** The in-process wake-up of SSE streams for alert changes (built once in src/services.ts). */
export class ResponseSignal {
  private readonly listeners = new Set<(e: ResponseStreamEvent) => void>();
  subscribe(listener: (e: ResponseStreamEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
  notify(e: ResponseStreamEvent): void {
    for (const l of [...this.listeners]) l(e);
  }
}
