/** Loading, error, empty and data states of a query, drawn the same way everywhere. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../api/client';
import type { QueryState } from '../api/use-api-query';

interface Props<T> {
  state: QueryState<T>;
  /** True when the data has nothing to show. */
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
  /** Height of the placeholder, so a wall layout does not jump. */
  minHeight?: number;
}

export function QueryView<T>({ state, isEmpty, children, minHeight = 80 }: Props<T>) {
  const { t } = useTranslation();
  if (state.data !== undefined) {
    if (isEmpty?.(state.data)) {
      return (
        <div className="state state-empty" style={{ minHeight }}>
          {t('state.empty')}
        </div>
      );
    }
    return <>{children(state.data)}</>;
  }
  if (state.error !== undefined) {
    const e = state.error;
    // "no route GET …": the endpoint itself is missing (not yet deployed), not the row.
    const missingRoute = e instanceof ApiRequestError && e.status === 404 && /^no route /.test(e.message);
    const forbidden = e instanceof ApiRequestError && e.status === 403;
    const text = missingRoute ? t('state.waiting') : forbidden ? t('state.forbidden') : t('state.error');
    return (
      <div className="state state-error" role="alert" style={{ minHeight }}>
        <span>{text}</span>
        {!forbidden && <small className="muted">{e.message}</small>}
        <button type="button" className="btn btn-small" onClick={state.reload}>
          {t('state.retry')}
        </button>
      </div>
    );
  }
  return (
    <div className="state state-loading" aria-busy="true" style={{ minHeight }}>
      <span className="spinner" />
      {t('state.loading')}
    </div>
  );
}
