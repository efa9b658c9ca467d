import { describe, expect, it } from 'vitest';
import { AUDIT_GENESIS_HASH } from '../store/audit.repository.js';
import type { AuditRecord } from '../store/audit.repository.js';
import { canonicalJson, checkHead, checkLink, entryHash } from './chain.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves out whitespace and undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true }, u: undefined })).toBe(
      '{"a":{"c":true,"d":[1,"x",null]},"b":1}',
    );
  });
  it('gives the same text for the same value built in another order', () => {
    expect(canonicalJson({ x: 1, y: { p: 2, q: 3 } })).toBe(canonicalJson({ y: { q: 3, p: 2 }, x: 1 }));
  });
  it('writes Dates as JSON does and refuses what JSON cannot carry', () => {
    expect(canonicalJson({ t: new Date('2026-03-15T00:00:00Z') })).toBe('{"t":"2026-03-15T00:00:00.000Z"}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/not a JSON number/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
  });
});

describe('the chain', () => {
  const first: AuditRecord = (() => {
    const linked = {
      seq: 1,
      prevHash: AUDIT_GENESIS_HASH,
      at: new Date('2026-03-15T00:00:00Z'),
      actor: 'a',
      actorRole: 'admin',
      action: 'auth.login',
      targetType: null,
      targetId: null,
      details: { k: 'v' },
      address: null,
    };
    return { ...linked, hash: entryHash(linked) };
  })();
  const start = { seq: 0, hash: AUDIT_GENESIS_HASH };

  it('hashes the previous hash and the entry: 64 hex digits, changed by any field', () => {
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash({ ...first, details: { k: 'w' } })).not.toBe(first.hash);
    expect(entryHash({ ...first, prevHash: '1'.repeat(64) })).not.toBe(first.hash);
    expect(entryHash({ ...first, at: new Date(first.at.getTime() + 1) })).not.toBe(first.hash);
  });
  it('accepts a correct link and names what is wrong with a bad one', () => {
    expect(checkLink(start, first)).toBeNull();
    expect(checkLink(start, { ...first, actor: 'b' })).toMatch(/entry #1 was changed/);
    expect(checkLink(start, { ...first, seq: 2 })).toMatch(/entry #1 is missing/);
    expect(checkLink(start, { ...first, prevHash: 'f'.repeat(64) })).toMatch(/does not chain/);
  });
  it('checks the head against the last entry', () => {
    const last = { seq: 1, hash: first.hash };
    expect(checkHead(last, { seq: 1, hash: first.hash })).toBeNull();
    expect(checkHead(last, { seq: 3, hash: 'x' })).toMatch(/#2–#3 are missing/);
    expect(checkHead(last, { seq: 1, hash: 'x' })).toMatch(/does not match/);
  });
});
