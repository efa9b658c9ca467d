/**
 * The search box of the header: enterprises (name, code, credit code), outlets, stations,
 * sections, devices (MN) and case numbers the caller may see (GET /search), with links to their
 * pages. Enter opens the first hit, Escape closes the list.
 */
import type { SearchHitDto } from '@server/api/search.schemas.js';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client';
import { Link, navigate } from '../../app/router';

/** Wait after the last key stroke before asking the server, ms. */
const DEBOUNCE_MS = 250;

/** The page a hit opens. */
export function hitPath(hit: SearchHitDto): string {
  const enc = encodeURIComponent;
  switch (hit.kind) {
    case 'enterprise':
      return `/sources/${enc(hit.code)}`;
    case 'outlet':
      return hit.enterpriseCode === null ? '/sources' : `/sources/${enc(hit.enterpriseCode)}`;
    case 'air_station':
      return `/air/${enc(hit.code)}`;
    case 'water_section':
      return `/water/${enc(hit.code)}`;
    case 'micro_sensor':
      return '/air';
    case 'case':
      return `/cases/${enc(hit.code)}`;
    case 'device':
      if (hit.enterpriseCode !== null) return `/sources/${enc(hit.enterpriseCode)}`;
      if (hit.siteKind === 'air_station' && hit.siteCode !== null) return `/air/${enc(hit.siteCode)}`;
      if (hit.siteKind === 'water_section' && hit.siteCode !== null) return `/water/${enc(hit.siteCode)}`;
      return '/admin/devices';
    default: {
      const impossible: never = hit.kind;
      throw new Error(`no page for ${String(impossible)}`);
    }
  }
}

export function GlobalSearch() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SearchHitDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const q = text.trim();
    if (q === '') {
      setHits(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      apiFetch<{ items: SearchHitDto[] }>('/search', {
        query: { q, limit: 12 },
        signal: controller.signal,
      }).then(
        (r) => {
          setFailed(false);
          setHits(r.items);
        },
        () => {
          if (!controller.signal.aborted) setFailed(true);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  useEffect(() => {
    const close = (e: MouseEvent): void => {
      if (box.current !== null && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, []);

  const pick = (hit: SearchHitDto): void => {
    setOpen(false);
    setText('');
    navigate(hitPath(hit));
  };

  return (
    <div className="global-search" ref={box} role="search">
      <input
        type="search"
        value={text}
        placeholder={t('names.search.placeholder')}
        aria-label={t('names.search.label')}
        data-testid="global-search"
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
          const first = hits?.[0];
          if (e.key === 'Enter' && first !== undefined) pick(first);
        }}
      />
      {open && text.trim() !== '' && (hits !== null || failed) && (
        <ul className="search-results" data-testid="search-results">
          {failed ? (
            <li>
              <span className="muted">{t('state.error')}</span>
            </li>
          ) : hits?.length === 0 ? (
            <li>
              <span className="muted">{t('names.search.none')}</span>
            </li>
          ) : (
            hits?.map((h) => (
              <li key={`${h.kind}:${h.code}`}>
                <Link
                  to={hitPath(h)}
                  onClick={() => {
                    setOpen(false);
                    setText('');
                  }}
                >
                  <span className="search-kind">{t(`names.search.kind.${h.kind}`)}</span>
                  {h.kind === 'case' ? `#${h.code} ${h.name}` : `${h.name}`}
                  {h.kind !== 'case' && <span className="muted small"> · {h.code}</span>}
                </Link>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
