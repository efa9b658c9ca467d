import { describe, expect, it } from 'vitest';
import type { ManifestState } from './manifest-machine.js';
import {
  allowedManifestMoves,
  MANIFEST_STATES,
  MANIFEST_TRANSITIONS,
  manifestPartiesOf,
  manifestRule,
  nextManifestStates,
} from './manifest-machine.js';

const sites = { consignorSiteId: 1, carrierSiteId: 2, receiverSiteId: 3 };

describe('manifest state machine', () => {
  // The whole table: every (from, to) pair is either a listed move or refused.
  const legal: Record<ManifestState, ManifestState[]> = {
    draft: ['submitted', 'void'],
    submitted: ['void', 'in_transit'],
    in_transit: ['received', 'rejected'],
    received: ['disposed'],
    disposed: [],
    rejected: [],
    void: [],
  };
  for (const from of MANIFEST_STATES) {
    for (const to of MANIFEST_STATES) {
      const ok = legal[from].includes(to);
      it(`${from} → ${to}: ${ok ? 'allowed' : 'refused'}`, () => {
        expect(manifestRule(from, to) !== undefined).toBe(ok);
      });
    }
  }
  it('names the next states', () => {
    for (const s of MANIFEST_STATES) expect(nextManifestStates(s).sort()).toEqual([...legal[s]].sort());
  });
  it.each([
    ['submitted', 'consignor'],
    ['void', 'consignor'],
    ['in_transit', 'carrier'],
    ['received', 'receiver'],
    ['rejected', 'receiver'],
    ['disposed', 'receiver'],
  ] as const)('only the %s party… moves to %s', (to, by) => {
    for (const t of MANIFEST_TRANSITIONS.filter((r) => r.to === to)) expect(t.by).toBe(by);
  });
  it('a site acts in the roles it holds on this manifest only', () => {
    expect(manifestPartiesOf(1, sites)).toEqual(['consignor']);
    expect(manifestPartiesOf(9, sites)).toEqual([]);
    expect(manifestPartiesOf(null, sites)).toEqual([]);
    expect(allowedManifestMoves('in_transit', 1, sites)).toEqual([]);
    expect(allowedManifestMoves('in_transit', 3, sites)).toEqual(['received', 'rejected']);
    expect(allowedManifestMoves('submitted', 2, sites)).toEqual(['in_transit']);
    // A generator carrying its own waste holds two parties.
    expect(allowedManifestMoves('submitted', 1, { ...sites, carrierSiteId: 1 })).toEqual([
      'void',
      'in_transit',
    ]);
  });
});
