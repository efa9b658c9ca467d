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
