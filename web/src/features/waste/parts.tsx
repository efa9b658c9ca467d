/** Small pieces shared by the waste pages: tonnes, state badges, the year in the address bar. */
import { useTranslation } from 'react-i18next';
import type { WasteManifestStateDto } from '@server/api/waste.schemas.js';
import { formatValue } from '../../lib/format';

/** A quantity in tonnes, at most 3 decimals (kg). */
export function formatTonnes(t: number | null | undefined): string {
  return formatValue(t, 't', t !== null && t !== undefined && Math.abs(t) >= 100 ? 1 : 3);
}

const STATE_CLASS: Record<WasteManifestStateDto, string> = {
  draft: 'pill',
  submitted: 'pill',
  in_transit: 'pill pill-warn',
  received: 'pill',
  disposed: 'pill pill-good',
  rejected: 'pill pill-bad',
  void: 'pill',
};

export function ManifestStateBadge({ state }: { state: WasteManifestStateDto }) {
  const { t } = useTranslation();
  return (
    <span className={STATE_CLASS[state]} data-testid="manifest-state">
      {t(`waste.states.${state}`)}
    </span>
  );
}

/** The year the page shows: `?year=` or the current China year. */
export function yearOf(search: URLSearchParams, now = new Date()): number {
  const y = Number(search.get('year'));
  if (Number.isInteger(y) && y >= 2000 && y <= 2100) return y;
  return Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4));
}
