/**
 * The audit hash chain, pure: canonical JSON and the hash that links each entry to the one before.
 * hash(n) = SHA-256 hex of (hash(n−1) ‖ canonical JSON of entry n), with hash(0) = 64 zeros; an
 * entry changed, removed or reordered breaks every hash after it.
 */
import { createHash } from 'node:crypto';
import type { AuditRecord, ChainHead, LinkedAuditEntry } from '../store/audit.repository.js';

/**
 * JSON with object keys sorted (by UTF-16 code unit) and no whitespace, so that equal values give
 * equal text however they were built. Objects with `toJSON` (Dates) are serialised through it, as
 * JSON.stringify does; undefined properties are left out. Throws on values JSON cannot carry.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`canonical JSON: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object': {
      const withToJson = value as { toJSON?: unknown };
      if (typeof withToJson.toJSON === 'function') {
        return canonicalJson((withToJson.toJSON as () => unknown).call(value));
      }
      if (Array.isArray(value)) {
        return `[${value.map((v: unknown) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      }
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new TypeError(`canonical JSON: a ${typeof value} is not JSON`);
    default:
      throw new TypeError(`canonical JSON: unexpected ${typeof value}`);
  }
}

/** The fields of an entry that its hash covers (everything but the hash itself). */
function hashedFields(e: LinkedAuditEntry): Record<string, unknown> {
  return {
    seq: e.seq,
    at: e.at.getTime(),
    actor: e.actor,
    actorRole: e.actorRole,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    details: e.details,
    address: e.address,
  };
}

/** SHA-256 hex over the previous hash followed by the canonical JSON of the entry. */
export function entryHash(e: LinkedAuditEntry): string {
  return createHash('sha256')
    .update(e.prevHash)
    .update(canonicalJson(hashedFields(e)))
    .digest('hex');
}

/** Where a chain walk stands: the last entry that checked out. */
export interface ChainCursor {
  seq: number;
  hash: string;
}

/** Why an entry breaks the chain, or null when it follows `prev` correctly. */
export function checkLink(prev: ChainCursor, e: AuditRecord): string | null {
  if (e.seq !== prev.seq + 1) {
    return e.seq > prev.seq + 1
      ? `entry #${prev.seq + 1} is missing (deleted?): #${e.seq} follows #${prev.seq}`
      : `entry #${e.seq} is out of order after #${prev.seq}`;
  }
  if (e.prevHash !== prev.hash) {
    return `entry #${e.seq} does not chain to #${prev.seq}: previous hash ${e.prevHash} ≠ ${prev.hash}`;
  }
  const expected = entryHash(e);
  if (e.hash !== expected) return `entry #${e.seq} was changed: its hash ${e.hash} ≠ recomputed ${expected}`;
  return null;
}

/** Why the chain's head disagrees with the last entry walked, or null. */
export function checkHead(last: ChainCursor, head: ChainHead): string | null {
  if (head.seq > last.seq) return `entries #${last.seq + 1}–#${head.seq} are missing (deleted?)`;
  if (head.seq < last.seq) return `the chain head (#${head.seq}) is behind entry #${last.seq}`;
  if (head.hash !== last.hash) return `the chain head's hash does not match entry #${last.seq}`;
  return null;
}
