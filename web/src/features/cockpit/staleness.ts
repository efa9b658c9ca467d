/**
 * When a place's newest value is older than expected. Hourly air values are published for the
 * hour that has just ended and arrive within the next hour, so a newest hour that ended more than
 * two hours ago means the station has stopped reporting.
 */

/** Hours after the end of its newest hour beyond which an air station's value is stale. */
export const AIR_STALE_AFTER_HOURS = 2;

/** Whether an hourly air value `ageHours` after the end of its hour is stale (unknown: not judged). */
export function isAirStale(ageHours: number | null | undefined): boolean {
  return ageHours !== null && ageHours !== undefined && ageHours > AIR_STALE_AFTER_HOURS;
}

/** Hours without a packet from any of an enterprise's devices beyond which its data is stale. */
export const SOURCE_STALE_AFTER_HOURS = 2;

/**
 * Whether an enterprise whose devices were last heard at `lastSeenAt` (newest of them, ISO; null:
 * never) is stale at `now`.
 */
export function isSourceStale(lastSeenAt: string | null, now: number = Date.now()): boolean {
  return lastSeenAt === null || now - Date.parse(lastSeenAt) > SOURCE_STALE_AFTER_HOURS * 3_600_000;
}

/**
 * The newest `lastSeenAt` of the devices of each enterprise (on the enterprise itself or on one of
 * its outlets), by enterprise code; enterprises without devices are absent.
 */
export function enterpriseLastSeen(
  devices: readonly { siteCode: string; lastSeenAt: string | null }[],
  outlets: readonly { code: string; parentId: number | null }[],
  enterprises: readonly { id: number; code: string }[],
): Map<string, string | null> {
  const byId = new Map(enterprises.map((e) => [e.id, e.code]));
  const owner = new Map<string, string>(enterprises.map((e) => [e.code, e.code]));
  for (const o of outlets) {
    const code = o.parentId === null ? undefined : byId.get(o.parentId);
    if (code !== undefined) owner.set(o.code, code);
  }
  const seen = new Map<string, string | null>();
  for (const d of devices) {
    const code = owner.get(d.siteCode);
    if (code === undefined) continue;
    const prev = seen.get(code) ?? null;
    const newer = prev === null || (d.lastSeenAt !== null && d.lastSeenAt > prev) ? d.lastSeenAt : prev;
    seen.set(code, newer);
  }
  return seen;
}
