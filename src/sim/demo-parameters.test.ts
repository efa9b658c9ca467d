import { describe, expect, it } from 'vitest';
import { parameterInfo } from '../standards/parameters.js';
import { DEMO_CITY } from './demo-city.js';

describe('parameters of the demo city', () => {
  const codes = new Set<string>();
  for (const site of DEMO_CITY.sites) {
    const listed = (site.attributes as { parameters?: unknown }).parameters;
    if (Array.isArray(listed)) for (const c of listed) if (typeof c === 'string') codes.add(c);
  }

  it('lists some outlet parameters', () => {
    expect(codes.size).toBeGreaterThan(10);
  });

  it.each([...codes].sort())(
    '%s has a name in both languages, a unit and decimals in the registry',
    (code) => {
      const info = parameterInfo(code);
      expect(info, `${code} is not in src/standards/parameters.ts`).toBeDefined();
      expect(info?.zh).not.toBe('');
      expect(info?.en).not.toBe('');
      expect(info?.unit).not.toBe('');
      expect(Number.isInteger(info?.decimals)).toBe(true);
    },
  );
});
