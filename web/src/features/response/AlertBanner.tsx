/** The banner of the cockpit while a heavy-pollution alert is in force (nothing otherwise). */
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { useAlertsQuery } from './queries';

export function AlertBanner() {
  const { t } = useTranslation();
  const alerts = useAlertsQuery('active');
  const active = alerts.data?.items ?? [];
  if (active.length === 0) return null;
  return (
    <div className="notice notice-error" role="status" data-testid="response-banner">
      {active.map((a) => (
        <div key={a.id}>
          {t('response.banner', { region: a.regionName, level: t(`response.levels.${a.level}`) })}{' '}
          <Link to={`/response/${a.id}`}>{t('response.bannerOpen')}</Link>
        </div>
      ))}
    </div>
  );
}
