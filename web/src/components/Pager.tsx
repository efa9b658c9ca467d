import { useTranslation } from 'react-i18next';

/** Previous/next for offset or cursor pages. */
export function Pager({
  page,
  total,
  hasNext,
  onPage,
}: {
  page: number;
  total?: number | null;
  hasNext: boolean;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <nav className="pager" aria-label="pagination">
      <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('state.prev')}
      </button>
      <span className="muted">
        {total !== null && total !== undefined
          ? t('state.pageOf', { page, total })
          : t('state.page', { page })}
      </span>
      <button type="button" className="btn btn-small" disabled={!hasNext} onClick={() => onPage(page + 1)}>
        {t('state.next')}
      </button>
    </nav>
  );
}

/**
 * Cursor paging state: remembers the cursor of each page visited so "previous" works with
 * cursor-only APIs.
 */
export function cursorFor(cursors: readonly (string | null)[], page: number): string | undefined {
  return page <= 1 ? undefined : (cursors[page - 1] ?? undefined);
}
