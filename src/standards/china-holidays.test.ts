import { describe, expect, it } from 'vitest';
import { chinaDayStart } from './china-time.js';
import { CHINA_HOLIDAYS_2026, HolidayCalendar, parseHolidayYear } from './china-holidays.js';

const cal = new HolidayCalendar();
const at = (date: string, hhmm = '10:00'): Date => new Date(`${date}T${hhmm}:00+08:00`);
const end = (date: string): string => new Date(chinaDayStart(date).getTime() + 86_400_000 - 1).toISOString();

describe('2026 calendar (State Council notice of 2025-11-04)', () => {
  // Every day off and every make-up working day of the notice's table.
  it.each([
    ['2026-01-01', false],
    ['2026-01-03', false],
    ['2026-01-04', true], // Sunday, make-up working day
    ['2026-02-14', true], // Saturday, make-up
    ['2026-02-15', false],
    ['2026-02-23', false], // Monday, still Spring Festival
    ['2026-02-24', true],
    ['2026-02-28', true], // Saturday, make-up
    ['2026-04-06', false], // Monday, Qingming
    ['2026-05-05', false],
    ['2026-05-09', true],
    ['2026-06-19', false],
    ['2026-09-20', true],
    ['2026-09-25', false],
    ['2026-10-07', false],
    ['2026-10-08', true],
    ['2026-10-10', true],
    ['2026-10-11', false], // plain Sunday
    ['2026-12-07', true], // plain Monday
  ])('%s working day: %s', (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it('make-up days are weekend days and days off are counted once each', () => {
    expect(parseHolidayYear(CHINA_HOLIDAYS_2026)).toEqual(CHINA_HOLIDAYS_2026);
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2027)).toBe(false);
  });
});

describe('addWorkingDays: the end of the n-th working day after the event day', () => {
  it.each([
    // Tue 2026-12-01 → Wed, Thu, Fri, Mon, Tue: Tue 2026-12-08.
    ['2026-12-01', 5, '2026-12-08'],
    // Mon 2026-09-28 (after Mid-Autumn), National Day Oct 1–7 off, Sat Oct 10 works:
    // Tue 29, Wed 30, Thu Oct 8, Fri Oct 9, Sat Oct 10.
    ['2026-09-28', 5, '2026-10-10'],
    // Fri 2026-02-13: Sat 14 (make-up), then Feb 15–23 off: Tue 24, Wed 25, Thu 26, Fri 27.
    ['2026-02-13', 5, '2026-02-27'],
    // Thu 2026-04-30: May 1–5 off; Wed 6, Thu 7, Fri 8, Sat 9 (make-up), Mon 11.
    ['2026-04-30', 5, '2026-05-11'],
  ])('from %s + %i → end of %s', (from, n, due) => {
    expect(cal.addWorkingDays(at(from), n).toISOString()).toBe(end(due));
  });

  it('counts working days between two instants', () => {
    expect(cal.workingDaysBetween(at('2026-09-28'), at('2026-10-10'))).toBe(5);
    expect(cal.workingDaysBetween(at('2026-10-10'), at('2026-09-28'))).toBe(0);
  });

  it('refuses a nonsense count', () => {
    expect(() => cal.addWorkingDays(at('2026-01-05'), 0)).toThrow(/1–366/);
  });
});

describe('a later year is data', () => {
  it('loads a year and uses it', () => {
    const y2027 = parseHolidayYear({
      year: 2027,
      holidays: [{ name: 'test', from: '2027-01-01', to: '2027-01-01' }],
      workdays: [],
      source: 'test',
    });
    const both = new HolidayCalendar([CHINA_HOLIDAYS_2026, y2027]);
    expect(both.isWorkingDay('2027-01-01')).toBe(false);
    expect(both.covers(2027)).toBe(true);
  });
  it.each([
    [{ year: 1999, holidays: [], workdays: [] }, /year = 1999/],
    [
      { year: 2027, holidays: [{ name: 'x', from: '2027-02-30', to: '2027-03-01' }], workdays: [] },
      /holidays\[0\]\.from = 2027-02-30: no such day/,
    ],
    [{ year: 2027, holidays: [{ name: 'x', from: '2027-02-03', to: '2027-02-01' }], workdays: [] }, /before/],
    [
      { year: 2027, holidays: [], workdays: ['2027-01-06'] },
      /workdays\[0\] = 2027-01-06: not a Saturday or Sunday/,
    ],
  ])('refuses bad data, naming the field (%#)', (value, problem) => {
    expect(() => parseHolidayYear(value)).toThrow(problem);
  });
});
