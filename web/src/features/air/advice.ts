/** Health effects and recommended measures of an AQI level, as HJ 633 words them (both versions). */
import type { AqiViewDto } from '../../api/types';
import { HJ633_2012 } from '@server/standards/hj633-2012.js';
import { HJ633_2026 } from '@server/standards/hj633-2026.js';
import type { AqiLevel, LevelAdvice } from '@server/standards/hj633-common.js';

const isLevel = (n: number | null): n is AqiLevel => n !== null && n >= 1 && n <= 6 && Number.isInteger(n);

/** The advice of the result's level under the standard the result was computed by. */
export function adviceOf(result: AqiViewDto | null | undefined): LevelAdvice | null {
  if (result === null || result === undefined || !isLevel(result.level)) return null;
  const table = result.standard === 'HJ 633-2012' ? HJ633_2012.advice : HJ633_2026.advice;
  return table[result.level];
}
