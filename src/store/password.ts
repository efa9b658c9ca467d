/**
 * Password hashing with scrypt (RFC 7914) for user logins and HJ 212 device passwords.
 * Format: `scrypt$N$r$p$<salt base64>$<hash base64>`. Device passwords are hashed too, not
 * encrypted: a logger sends its PW in clear in every packet, so the platform only ever needs to
 * compare, never to recover it; a leaked database then reveals no password.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_BYTES, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) => {
      if (err) reject(err);
      else resolve(key);
    });
  });
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Compares a password with a stored hash in constant time; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, keyB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scryptAsync(password, Buffer.from(saltB64, 'base64'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * Remembers successful verifications so that a logger sending a packet every few seconds costs
 * one scrypt per (stored hash, password) pair, not one per packet. Keyed by the stored hash, so a
 * password changed by any process invalidates the entry; holds only SHA-256 digests.
 */
export class VerifiedPasswordCache {
  private readonly entries = new Map<string, true>();
  constructor(private readonly capacity = 100_000) {}

  private key(stored: string, password: string): string {
    return createHash('sha256').update(stored).update('\0').update(password).digest('base64');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const k = this.key(stored, password);
    if (this.entries.has(k)) return true;
    const ok = await verifyPassword(password, stored);
    if (ok) {
      if (this.entries.size >= this.capacity) {
        const oldest = this.entries.keys().next();
        if (oldest.done !== true) this.entries.delete(oldest.value);
      }
      this.entries.set(k, true);
    }
    return ok;
  }
}
