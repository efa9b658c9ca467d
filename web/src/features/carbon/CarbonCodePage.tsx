/**
 * /carbon/code/:code — the public carbon-code page (碳效码) an enterprise's QR code links to, open
 * without a login: grade and its colour, absolute level, intensity, K and the trend by quarter; no
 * energy figures.
 */
import { useTranslation } from 'react-i18next';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatValue } from '../../lib/format';
import { GradeBadge, levelText } from './grade';
import { usePublicCarbonCodeQuery } from './queries';

export default function CarbonCodePage({ params }: { params: Record<string, string> }) {
  const { t } = useTranslation();
  const code = usePublicCarbonCodeQuery(params.code ?? '');
  return (
    <div className="public stack" data-testid="carbon-code-page">
      <QueryView state={code} minHeight={200}>
        {(c) => (
          <>
            <h1 className="page-title">{t('carbon.codeTitle', { name: c.name })}</h1>
            <Panel title={t('carbon.latestGrade', { period: c.period ?? '—' })}>
              <div style={{ display: 'flex', gap: 24, alignItems: 'center', flexWrap: 'wrap' }}>
                <GradeBadge grade={c.grade} large />
                <dl className="facts">
                  <dt>{t('carbon.industry')}</dt>
                  <dd>{c.industry ?? '—'}</dd>
                  <dt>{t('carbon.intensity')}</dt>
                  <dd>{formatValue(c.intensity, t('carbon.intensityUnit'), 3)}</dd>
                  <dt>{t('carbon.levelTitle')}</dt>
                  <dd>{levelText(t, c.level)}</dd>
                  <dt>K</dt>
                  <dd>{formatValue(c.k, '', 2)}</dd>
                </dl>
                <img
                  src={`/api/v1/public/carbon-code/${encodeURIComponent(c.code)}/qr.svg`}
                  alt={t('carbon.qrAlt', { name: c.name })}
                  width={120}
                  height={120}
                />
              </div>
            </Panel>
            <Panel title={t('carbon.trend')}>
              <ol className="carbon-trend" data-testid="carbon-code-trend">
                {c.trend.map((h) => (
                  <li key={h.period}>
                    {h.period} <GradeBadge grade={h.grade} />{' '}
                    {formatValue(h.intensity, t('carbon.intensityUnit'), 3)}
                  </li>
                ))}
              </ol>
              <p className="muted">{t('carbon.codeNote')}</p>
            </Panel>
          </>
        )}
      </QueryView>
    </div>
  );
}
