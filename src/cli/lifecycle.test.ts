import { describe, expect, it } from 'vitest';
import { prettyLine } from './lifecycle.js';

describe('prettyLine', () => {
  it('shows time, level, event, message and the other fields of a pino JSON line', () => {
    const line = JSON.stringify({
      level: 30,
      time: Date.UTC(2026, 11, 8, 1, 2, 3),
      pid: 1,
      hostname: 'h',
      event: 'platform.stopped',
      ms: 812,
      msg: 'platform stopped',
    });
    expect(prettyLine(line)).toBe('01:02:03 INFO  platform.stopped platform stopped  ms=812');
  });

  it('passes a line that is not JSON through', () => {
    expect(prettyLine('plain text')).toBe('plain text');
  });
});
