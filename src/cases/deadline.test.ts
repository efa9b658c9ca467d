/** Deadlines as people give them: a date is due by the end of that China-local day (issue 23). */
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../errors.js';
import { chinaDayEnd, deadlineText, parseDeadline } from './deadline.js';

describe('deadlines', () => {
  it('a date picked as 2026-12-10 is due at 2026-12-10 23:59:59.999 +08:00', () => {
    expect(chinaDayEnd('2026-12-10').toISOString()).toBe('2026-12-10T15:59:59.999Z');
    expect(parseDeadline('2026-12-10').toISOString()).toBe('2026-12-10T15:59:59.999Z');
  });
  it('and is shown as that date, not as the next midnight', () => {
    expect(deadlineText(parseDeadline('2026-12-10'))).toBe('2026-12-10');
    // Stored before the rule: the China midnight that ends 12-10.
    expect(deadlineText(new Date('2026-12-10T16:00:00Z'))).toBe('2026-12-10');
    expect(deadlineText(new Date('2026-12-10T06:30:00Z'))).toBe('2026-12-10 14:30');
  });
  it('an ISO time is that instant (no offset = China time)', () => {
    expect(parseDeadline('2026-12-10T18:00').toISOString()).toBe('2026-12-10T10:00:00.000Z');
    expect(parseDeadline('2026-12-10T18:00Z').toISOString()).toBe('2026-12-10T18:00:00.000Z');
  });
  it('a bad date is a 400 naming the field', () => {
    expect(() => parseDeadline('12-10', 'deadline')).toThrow(BadInputError);
    expect(() => parseDeadline('12-10', 'deadline')).toThrow(/^deadline: /);
  });
});
