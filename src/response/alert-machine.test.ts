import { describe, expect, it } from 'vitest';
import { levelAt, nextAlertStatus } from './alert-machine.js';

describe('nextAlertStatus', () => {
  const yellow = { state: 'active', level: 'yellow' } as const;
  it.each([
    ['upgrade to orange', 'upgraded', 'orange', { state: 'active', level: 'orange' }],
    ['downgrade to temporary controls', 'downgraded', 'temporary', { state: 'active', level: 'temporary' }],
    ['lift keeps the last level', 'lifted', undefined, { state: 'lifted', level: 'yellow' }],
  ] as const)('%s', (_n, to, level, status) => {
    expect(nextAlertStatus(yellow, to, level)).toEqual({ ok: true, status });
  });

  it.each([
    ['an upgrade to the same level', 'upgraded', 'yellow', 'bad-level'],
    ['an upgrade that is a downgrade', 'upgraded', 'blue', 'bad-level'],
    ['a downgrade that is an upgrade', 'downgraded', 'red', 'bad-level'],
    ['an upgrade without a level', 'upgraded', undefined, 'bad-level'],
    ['lifting with a level', 'lifted', 'red', 'bad-level'],
  ] as const)('refuses %s', (_n, to, level, code) => {
    expect(nextAlertStatus(yellow, to, level)).toMatchObject({ ok: false, code });
  });

  it('nothing moves a lifted alert', () => {
    for (const to of ['upgraded', 'downgraded', 'lifted'] as const) {
      expect(
        nextAlertStatus({ state: 'lifted', level: 'orange' }, to, to === 'lifted' ? undefined : 'red'),
      ).toMatchObject({
        ok: false,
        code: 'illegal',
      });
    }
  });
});

describe('levelAt', () => {
  const t = (h: number) => new Date(Date.UTC(2026, 11, 1, h));
  const history = [
    { kind: 'issued', level: 'yellow', at: t(10) },
    { kind: 'upgraded', level: 'orange', at: t(20) },
    { kind: 'lifted', level: 'orange', at: t(30) },
  ] as const;
  it('follows the history; an alert issued later may start earlier', () => {
    expect(levelAt(history, t(0), t(-1))).toBeNull();
    expect(levelAt(history, t(0), t(0))).toBe('yellow');
    expect(levelAt(history, t(0), t(19))).toBe('yellow');
    expect(levelAt(history, t(0), t(20))).toBe('orange');
    expect(levelAt(history, t(0), t(30))).toBeNull();
  });
});

describe('levelAt for an alert recorded after the fact', () => {
  const t = (h: number) => new Date(Date.UTC(2026, 11, 1, h));
  it('the issued level holds from the start even when the lifting was recorded before the issuing', () => {
    const history = [
      { kind: 'issued', level: 'orange', at: t(100) },
      { kind: 'lifted', level: 'orange', at: t(48) },
    ] as const;
    expect(levelAt(history, t(0), t(10))).toBe('orange');
    expect(levelAt(history, t(0), t(48))).toBeNull();
  });
});
