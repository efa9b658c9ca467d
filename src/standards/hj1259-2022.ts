/**
 * HJ 1259-2022 《危险废物管理计划和管理台账制定技术导则》: a generator's management tier by annual
 * quantity, the declarations it owes and when they fall due, the annual plan's filing date
 * [secondary; due dates of monthly and quarterly declarations unverified — named choices below]
 * (docs/standards/hj1259-2022.md). Quantities in kilograms, integers.
 */
import { chinaDayStart, DAY_MS } from './china-time.js';

/** 重点监管 key · 简化管理 simplified · 登记管理 registration. */
export const GENERATOR_TIERS = ['key', 'simplified', 'registration'] as const;
export type GeneratorTier = (typeof GENERATOR_TIERS)[number];

/** Key tier from this annual quantity at one site (100 t) [secondary]. */
export const KEY_TIER_MIN_KG = 100_000;
/** Simplified tier from this annual quantity (10 t) [secondary]. */
export const SIMPLIFIED_TIER_MIN_KG = 10_000;

/** What decides a generator's tier. */
export interface TierInput {
  /** Hazardous waste generated (or planned) in a year at the site, kg. */
  annualKg: number;
  /** The site utilises or disposes of hazardous waste in its own facilities. */
  ownFacilities?: boolean;
  /** The site holds a hazardous-waste business licence. */
  licensed?: boolean;
}

/**
 * The tier: key at ≥ 100 t/yr, or with own utilisation/disposal facilities, or with a licence;
 * simplified at ≥ 10 t/yr; registration below.
 */
export function generatorTier(input: TierInput): GeneratorTier {
  const { annualKg } = input;
  if (!Number.isFinite(annualKg) || annualKg < 0) {
    throw new RangeError(`annualKg = ${annualKg}: an annual quantity must be a number ≥ 0`);
  }
  if (annualKg >= KEY_TIER_MIN_KG || input.ownFacilities === true || input.licensed === true) return 'key';
  if (annualKg >= SIMPLIFIED_TIER_MIN_KG) return 'simplified';
  return 'registration';
}

export const DECLARATION_KINDS = ['monthly', 'quarterly', 'annual'] as const;
export type DeclarationKind = (typeof DECLARATION_KINDS)[number];

/** Declarations a tier owes: annual for everyone, plus monthly (key) or quarterly (simplified). */
export function declarationsOwed(tier: GeneratorTier): DeclarationKind[] {
  switch (tier) {
    case 'key':
      return ['monthly', 'annual'];
    case 'simplified':
      return ['quarterly', 'annual'];
    case 'registration':
      return ['annual'];
    default: {
      const impossible: never = tier;
      throw new Error(`unknown tier ${String(impossible)}`);
    }
  }
}

/**
 * Day of the month after a monthly or quarterly period by which its declaration is due. The
 * reference says "around the 15th" [unverified]: a named choice.
 */
export const DECLARATION_DUE_DAY = 15;

/** A declaration period: label `YYYY-MM` (monthly), `YYYY-Qn` (quarterly), `YYYY` (annual). */
export interface DeclarationPeriod {
  kind: DeclarationKind;
  label: string;
  /** The end of the China-local day on which it falls due. */
  dueBy: Date;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function dayEnd(date: string): Date {
  return new Date(chinaDayStart(date).getTime() + DAY_MS - 1);
}

/**
 * The period of a declaration and its due date: monthly → 15th of the next month; quarterly → 15th
 * of the month after the quarter; annual → 31 March of the next year [secondary].
 */
export function declarationPeriod(kind: DeclarationKind, label: string): DeclarationPeriod {
  switch (kind) {
    case 'monthly': {
      const m = /^(\d{4})-(\d{2})$/.exec(label);
      const y = Number(m?.[1]);
      const mo = Number(m?.[2]);
      if (!m || mo < 1 || mo > 12) throw new RangeError(`period = ${label}: a monthly period is YYYY-MM`);
      const [ny, nm] = mo === 12 ? [y + 1, 1] : [y, mo + 1];
      return { kind, label, dueBy: dayEnd(`${ny}-${pad(nm)}-${pad(DECLARATION_DUE_DAY)}`) };
    }
    case 'quarterly': {
      const m = /^(\d{4})-Q([1-4])$/.exec(label);
      if (!m) throw new RangeError(`period = ${label}: a quarterly period is YYYY-Qn`);
      const y = Number(m[1]);
      const q = Number(m[2]);
      const [ny, nm] = q === 4 ? [y + 1, 1] : [y, q * 3 + 1];
      return { kind, label, dueBy: dayEnd(`${ny}-${pad(nm)}-${pad(DECLARATION_DUE_DAY)}`) };
    }
    case 'annual': {
      if (!/^\d{4}$/.test(label)) throw new RangeError(`period = ${label}: an annual period is YYYY`);
      return { kind, label, dueBy: dayEnd(`${Number(label) + 1}-03-31`) };
    }
    default: {
      const impossible: never = kind;
      throw new Error(`unknown declaration kind ${String(impossible)}`);
    }
  }
}

/**
 * The latest period of a kind whose declaration is due on or before `asOf` (China-local date
 * `YYYY-MM-DD`): the one a timed pass checks.
 */
export function latestDuePeriod(kind: DeclarationKind, asOf: string): DeclarationPeriod {
  const y = Number(asOf.slice(0, 4));
  const mo = Number(asOf.slice(5, 7));
  const d = Number(asOf.slice(8, 10));
  const afterDue = d > DECLARATION_DUE_DAY;
  switch (kind) {
    case 'monthly': {
      // Due on the 15th of month M+1 → period M; before the 15th the last due one is M-2.
      const back = afterDue ? 1 : 2;
      const idx = y * 12 + (mo - 1) - back;
      return declarationPeriod(kind, `${Math.floor(idx / 12)}-${pad((idx % 12) + 1)}`);
    }
    case 'quarterly': {
      const q = Math.floor((mo - 1) / 3);
      // The quarter's declaration falls due in the first month of the next quarter.
      const firstMonth = mo % 3 === 1;
      const back = firstMonth && !afterDue ? 2 : 1;
      const idx = y * 4 + q - back;
      return declarationPeriod(kind, `${Math.floor(idx / 4)}-Q${(idx % 4) + 1}`);
    }
    case 'annual': {
      const due = mo > 3 ? y - 1 : y - 2;
      return declarationPeriod(kind, String(due));
    }
    default: {
      const impossible: never = kind;
      throw new Error(`unknown declaration kind ${String(impossible)}`);
    }
  }
}

/** The annual management plan of a year is filed by 31 March of that year [secondary]. */
export function planDueBy(year: number): Date {
  return dayEnd(`${year}-03-31`);
}
