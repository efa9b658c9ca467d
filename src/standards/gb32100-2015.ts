/**
 * GB 32100-2015 unified social credit codes (统一社会信用代码) of legal persons and other
 * organisations: the 18-character structure and the check character (docs/standards/gb32100-2015.md §2–§3).
 *
 * Pure: no I/O.
 */

/** The 31 code characters in value order: digits and capitals without I, O, Z, S, V (§2). */
export const GB32100_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1–17: 3^(i−1) mod 31 (§3). */
export const GB32100_WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k += 1) w = (w * 3) % 31;
  return w;
});

/** Why a text is not a unified social credit code. */
export type CreditCodeProblem = 'length' | 'charset' | 'division' | 'check';

export type CreditCodeCheck =
  | { ok: true }
  | {
      ok: false;
      problem: CreditCodeProblem;
      /** The check character the first 17 would need. */ expected?: string;
    };

/** The check character (position 18) of the first 17 characters; null when one is not a code character. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const v = GB32100_CHARSET.indexOf(first17[i] ?? '');
    if (v < 0) return null;
    sum += v * (GB32100_WEIGHTS[i] ?? 0);
  }
  return GB32100_CHARSET[(31 - (sum % 31)) % 31] ?? null;
}

/**
 * Checks a unified social credit code: 18 characters of the code set, positions 3–8 six digits
 * (the GB/T 2260 division of the registering authority) and the check character of §3.
 */
export function checkCreditCode(code: string): CreditCodeCheck {
  if (code.length !== 18) return { ok: false, problem: 'length' };
  for (const c of code) if (!GB32100_CHARSET.includes(c)) return { ok: false, problem: 'charset' };
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { ok: false, problem: 'division' };
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected === null) return { ok: false, problem: 'charset' };
  return expected === code[17] ? { ok: true } : { ok: false, problem: 'check', expected };
}
