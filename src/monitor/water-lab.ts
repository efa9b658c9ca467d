/**
 * Manual lab results of surface-water sections (手工监测): bounds on entered values and their
 * conversion into readings. A lab result is stored as a reading of the item's HJ 212 code with
 * interval `day`, period start the China-local midnight of the sampling day, source `lab:<user>`,
 * in the code's unit (water-codes.ts) — so the corrected view, corrections and the assessment treat
 * it as every other value, and one reading key per section, item and day makes a second entry of
 * the same day a conflict rather than a silent second value.
 *
 * Pure: no I/O.
 */
import { DomainError } from '../errors.js';
import { chinaDate, chinaDayStart } from '../standards/china-time.js';
import { GB3838_ITEMS, ITEM_KEYS, LAB_VALUE_BOUNDS, type ItemKey } from '../standards/gb3838-2002.js';
import type { Reading } from '../store/types.js';
import { fromGbUnit, waterCodeOfItem } from './water-codes.js';

/** Earliest sampling day accepted. */
const LAB_EARLIEST_DAY = '2000-01-01';

/**
 * A rejected lab result or black-odorous sample: bad input (400), an unknown section, body or point
 * (404), or a value already entered (409). `field` names what to fix (`section`, `sampledOn`,
 * `values.<item>`, `point`, …); the message starts with it and `details` is `[{ field, problem }]`.
 */
export class LabEntryError extends DomainError {
  constructor(
    code: 'bad-request' | 'not-found' | 'conflict',
    readonly field: string,
    problem: string,
  ) {
    super(code, `${field}: ${problem}`, [{ field, problem }]);
  }
}

/** Checks an entered value against `LAB_VALUE_BOUNDS`; throws `LabEntryError` naming `values.<item>`. */
export function checkLabValue(item: string, value: unknown): { item: ItemKey; value: number } {
  if (!(ITEM_KEYS as readonly string[]).includes(item)) {
    throw new LabEntryError(
      'bad-request',
      `values.${item}`,
      `unknown water item; expected one of ${ITEM_KEYS.join(', ')}`,
    );
  }
  const key = item as ItemKey;
  const [min, max] = LAB_VALUE_BOUNDS[key];
  const unit = GB3838_ITEMS[key].unit;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new LabEntryError('bad-request', `values.${item}`, `${String(value)} is not a finite number`);
  }
  if (value < min || value > max) {
    throw new LabEntryError(
      'bad-request',
      `values.${item}`,
      `${value} ${unit} is outside ${min}–${max} ${unit} (GB 3838-2002 unit; metals in mg/L, not µg/L)`,
    );
  }
  return { item: key, value };
}

/** Checks a sampling day (`YYYY-MM-DD`, China-local) lies between 2000-01-01 and today. */
export function checkSampledOn(sampledOn: string, now: Date): Date {
  let start: Date;
  try {
    start = chinaDayStart(sampledOn);
  } catch {
    throw new LabEntryError('bad-request', 'sampledOn', `"${sampledOn}" is not a date as YYYY-MM-DD`);
  }
  if (sampledOn < LAB_EARLIEST_DAY) {
    throw new LabEntryError('bad-request', 'sampledOn', `${sampledOn} is before ${LAB_EARLIEST_DAY}`);
  }
  if (sampledOn > chinaDate(now)) {
    throw new LabEntryError(
      'bad-request',
      'sampledOn',
      `${sampledOn} is in the future (today is ${chinaDate(now)})`,
    );
  }
  return start;
}

/** The readings of one lab result (one per item), values converted into each code's unit. */
export function labReadings(
  siteId: number,
  dayStart: Date,
  values: readonly { item: ItemKey; value: number }[],
  username: string,
  receivedAt: Date,
): Reading[] {
  return values.map(({ item, value }) => {
    const row = waterCodeOfItem(item);
    const stored = fromGbUnit(row, value);
    return {
      siteId,
      parameter: row.code,
      interval: 'day',
      periodStart: dayStart,
      value: stored,
      valueText: String(stored),
      min: null,
      max: null,
      cumulative: null,
      flag: 'N',
      source: `lab:${username}`,
      receivedAt,
    };
  });
}
