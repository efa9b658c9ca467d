/**
 * The in-process wake-up of alarm streams: the alarm service rings it after each change it stores,
 * and each open `GET /api/v1/events` stream then reads the new events from the store at once
 * instead of at its next poll. One signal per process, built by the composition (src/services.ts).
 * The store stays the source of truth (the event routes check it once a second), so a second process — an ingest process apart from the API — is seen within one poll interval.
 */

export class AlarmSignal {
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` on every change; returns the function that stops it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  get size(): number {
    return this.listeners.size;
  }
}
