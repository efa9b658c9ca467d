/** One section: its class month by month against the target. */
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { useApiQuery } from '../../api/use-api-query';
import { ClassChip } from './WaterPage';

export default function SectionPage({ params }: { params: Record<string, string> }) {
  const code = params.code ?? '';
  const { t } = useTranslation();
  const history = useApiQuery<Record<string, unknown>>(`/water/sections/${encodeURIComponent(code)}/history`);
  return (
    <div className="stack" data-testid="section-page">
      <div className="detail-head">
        <Link to="/water">← {t('water.sections')}</Link>
        <h1>{code}</h1>
      </div>
      <Panel title={t('water.history')}>
        <QueryView state={history}>
          {(h) => {
            const months = Array.isArray(h.months)
              ? (h.months as { month: string; class: string | null }[])
              : [];
            return (
              <div className="legend">
                {months.map((m) => (
                  <span key={m.month}>
                    {m.month} <ClassChip value={m.class} />
                  </span>
                ))}
              </div>
            );
          }}
        </QueryView>
      </Panel>
    </div>
  );
}
