/**
 * The carbon-efficiency grade as a coloured badge. DB33/T 1347-2023 gives no colours in the text we
 * had: green (1) to red (5) is our choice (docs/standards/db33t1347-2023.md §5).
 */
import { useTranslation } from 'react-i18next';

export const GRADE_COLORS: Readonly<Record<number, string>> = {
  1: '#1a9850',
  2: '#91cf60',
  3: '#d9c74a',
  4: '#fc8d59',
  5: '#d73027',
};

export function GradeBadge({ grade, large = false }: { grade: number | null; large?: boolean }) {
  const { t } = useTranslation();
  if (grade === null) return <span className="pill">{t('carbon.noGrade')}</span>;
  return (
    <span
      className="pill"
      data-testid="carbon-grade"
      style={{
        background: GRADE_COLORS[grade],
        color: grade === 3 ? '#222' : '#fff',
        fontSize: large ? 28 : undefined,
        padding: large ? '8px 18px' : undefined,
      }}
    >
      {t('carbon.gradeValue', { grade })} · {t(`carbon.gradeName.${grade}`)}
    </span>
  );
}

/** The absolute carbon level as words. */
export function levelText(t: (k: string) => string, level: 'low' | 'medium' | 'high' | null): string {
  return level === null ? '—' : t(`carbon.level.${level}`);
}
