/** Carbon service results as API shapes (carbon.schemas.ts): rationals rounded once (GB/T 8170), instants as ISO. */
import type { AccountView, BudgetStatus, GradeRow } from '../carbon/carbon.service.js';
import { roundGbt8170ToNumber } from '../standards/gb-t-8170.js';
import type { Rational } from '../standards/rational.js';
import type { AccountDto, BudgetDto, GradeDto } from './carbon.schemas.js';

const r = (x: Rational, digits: number): number => roundGbt8170ToNumber(x, digits);
const rn = (x: Rational | null, digits: number): number | null => (x === null ? null : r(x, digits));

export function accountDto(a: AccountView): AccountDto {
  const v = a.version;
  return {
    enterprise: a.enterprise,
    month: a.month,
    version: v.version,
    quantities: v.quantities,
    valueAdded: v.valueAdded,
    outputValue: v.outputValue,
    sector: v.sector,
    source: v.source,
    recordedBy: v.recordedBy,
    recordedAt: v.recordedAt.toISOString(),
    reason: v.reason,
    co2: r(a.figures.co2, 3),
    scope1: r(a.figures.scope1, 3),
    scope2: r(a.figures.scope2, 3),
    netCo2: r(a.figures.netCo2, 3),
    tce: r(a.figures.tce, 3),
    factorIds: a.figures.factorIds,
  };
}

export function gradeDto(g: GradeRow): GradeDto {
  return {
    siteId: g.enterprise.id,
    code: g.enterprise.code,
    name: g.enterprise.name,
    districtCode: g.enterprise.districtCode,
    industry: g.enterprise.industry,
    division: g.division,
    period: g.period,
    intensity: rn(g.intensity, 4),
    level: g.level,
    sectorIntensity: rn(g.sectorIntensity, 4),
    k: rn(g.k, 3),
    grade: g.grade,
  };
}

export function budgetDto(b: BudgetStatus): BudgetDto {
  return {
    code: b.enterprise.code,
    name: b.enterprise.name,
    districtCode: b.enterprise.districtCode,
    year: b.year,
    budgetTce: r(b.budgetTce, 2),
    availableTce: r(b.availableTce, 2),
    usedTce: r(b.usedTce, 2),
    monthsReported: b.monthsReported,
    usedPct: rn(b.usedPct, 1),
    projectedTce: rn(b.projectedTce, 1),
    projectedOverrun: b.projectedOverrun,
    alert: b.alert,
    months: b.months.map((m) => ({ month: m.month, cumulativeTce: r(m.cumulativeTce, 2) })),
    basis: b.basis,
  };
}
