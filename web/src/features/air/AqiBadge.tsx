import { aqiColor, aqiTextColor } from '../../lib/levels';

/** An AQI number on its level colour (HJ 633 Annex A); a dash without a value. */
export function AqiBadge({ aqi, large = false }: { aqi: number | null | undefined; large?: boolean }) {
  return (
    <span
      className={`aqi-badge ${large ? 'aqi-badge-large' : ''}`}
      style={{ background: aqiColor(aqi), color: aqiTextColor(aqi) }}
      data-testid="aqi-badge"
    >
      {aqi ?? '—'}
    </span>
  );
}
