/**
 * Energy budgets (用能预算化管理, docs/carbon.md §7): the annual budget of a covered enterprise from
 * its baseline, the cut of its intensity tier and its 亩均 grade; the burn-down against it with a
 * year-end projection; the alert level. Exact arithmetic: alert levels are thresholds.
 *
 * Pure.
 */
import {
  RAT_ZERO,
  rational,
  ratCmp,
  ratDiv,
  ratFromDecimal,
  ratMul,
  ratSub,
  type Rational,
} from '../standards/rational.js';
import type { CarbonSettings } from './carbon-settings.js';

const HUNDRED = rational(100n);

/** How a budget was set. */
export interface BudgetBasis {
  baselineTce: Rational;
  /** Baseline intensity, tce per 10⁴ CNY (null without value added: the strictest tier, choice `no-value-added-strictest`). */
  baselineIntensity: Rational | null;
  /** Tier 1 (lowest intensity) to n. */
  tier: number;
  cutPct: Rational;
  /** 亩均 grade and its adjustment in percentage points (0 without a grade). */
  grade: string | null;
  adjustPct: Rational;
  budgetTce: Rational;
}

/** Budget = baseline × (100 − cut + adjustment) / 100. */
export function annualBudget(
  baselineTce: Rational,
  baselineIntensity: Rational | null,
  grade: string | null,
  settings: Pick<CarbonSettings, 'budgetTiers' | 'gradeAdjustPct'>,
): BudgetBasis {
  const tiers = settings.budgetTiers;
  let tier = tiers.length;
  if (baselineIntensity !== null) {
    const i = tiers.findIndex(
      (t) => t.upToIntensity === null || ratCmp(baselineIntensity, ratFromDecimal(t.upToIntensity)) <= 0,
    );
    tier = i < 0 ? tiers.length : i + 1;
  }
  const cutPct = ratFromDecimal(tiers[tier - 1]?.cutPct ?? '0');
  const adjText = grade === null ? undefined : settings.gradeAdjustPct[grade];
  const adjustPct = adjText === undefined ? RAT_ZERO : ratFromDecimal(adjText);
  const share = ratDiv(ratSub(ratSub(HUNDRED, cutPct), ratSub(RAT_ZERO, adjustPct)), HUNDRED);
  return {
    baselineTce,
    baselineIntensity,
    tier,
    cutPct,
    grade: adjText === undefined ? null : grade,
    adjustPct,
    budgetTce: ratMul(baselineTce, share),
  };
}

/** The alert level reached: the highest of the settings' levels at or below the use, or null. */
export type BudgetAlert = 'pct80' | 'pct90' | 'pct100';

/** Where an enterprise stands against its budget. */
export interface BurnDown {
  usedTce: Rational;
  /** Use as a share of the budget, per cent (null for a zero budget). */
  usedPct: Rational | null;
  /** used × 12 / months reported (choice `linear-by-months-reported`). */
  projectedTce: Rational | null;
  projectedOverrun: boolean;
  alert: BudgetAlert | null;
}

/** The burn-down after `monthsReported` months (1–12) of `usedTce`. */
export function burnDown(
  budgetTce: Rational,
  usedTce: Rational,
  monthsReported: number,
  alertPcts: readonly [string, string, string],
): BurnDown {
  const usedPct = ratCmp(budgetTce, RAT_ZERO) > 0 ? ratMul(ratDiv(usedTce, budgetTce), HUNDRED) : null;
  const projectedTce =
    monthsReported > 0 ? ratDiv(ratMul(usedTce, rational(12n)), rational(BigInt(monthsReported))) : null;
  const levels: BudgetAlert[] = ['pct80', 'pct90', 'pct100'];
  let alert: BudgetAlert | null = null;
  if (usedPct !== null) {
    alertPcts.forEach((p, i) => {
      if (ratCmp(usedPct, ratFromDecimal(p)) >= 0) alert = levels[i] ?? null;
    });
  }
  return {
    usedTce,
    usedPct,
    projectedTce,
    projectedOverrun: projectedTce !== null && ratCmp(projectedTce, budgetTce) > 0,
    alert,
  };
}
