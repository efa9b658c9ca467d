/** The wall-screen frame: title bar with navigation by role, China clock, live status and language. */
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cityName, useCityQuery } from '../api/city-queries';
import { useStreamStatus } from '../api/events';
import { useAuth } from '../auth/AuthContext';
import { GlobalSearch } from '../features/search/GlobalSearch';
import { setLanguage } from '../i18n';
import { formatChinaTime } from '../lib/format';
import { navFor } from './nav';
import { Link, navigate, useLocation } from './router';

function ChinaClock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const { t } = useTranslation();
  return (
    <span className="clock" title={t('app.now')}>
      {formatChinaTime(now)}
    </span>
  );
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <button
      type="button"
      className="btn btn-ghost"
      data-testid="lang-switch"
      onClick={() => void setLanguage(i18n.language === 'en' ? 'zh' : 'en')}
    >
      {t('app.language')}
    </button>
  );
}

export function Shell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const city = useCityQuery();
  const { auth, logout } = useAuth();
  const { path } = useLocation();
  const stream = useStreamStatus();
  const user = auth.status === 'user' ? auth.user : null;
  const items = user === null ? [] : navFor(user.role);
  const active = (p: string): boolean => (p === '/' ? path === '/' : path === p || path.startsWith(`${p}/`));

  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand-mark">青</span>
          <span className="brand-text">
            <strong>{t('app.title')}</strong>
            <small>
              {cityName(city.data, i18n.language === 'en') ?? t('app.city')} ·{' '}
              <span className="demo-tag">{t('app.demoNotice')}</span>
            </small>
          </span>
        </Link>
        <nav className="mainnav" aria-label="main">
          {items.map((item) => (
            <Link key={item.key} to={item.path} className={active(item.path) ? 'active' : ''}>
              {t(`nav.${item.key}`)}
            </Link>
          ))}
          <Link to="/public" className={active('/public') ? 'active' : ''}>
            {t('nav.public')}
          </Link>
        </nav>
        <div className="topbar-right">
          {user !== null && <GlobalSearch />}
          <span className={`stream stream-${stream}`} title="/api/v1/events">
            <i />
            {stream === 'live' ? t('app.live') : t('app.offline')}
          </span>
          <ChinaClock />
          <LanguageSwitch />
          {user !== null ? (
            <span className="who">
              <span data-testid="whoami">
                {user.username} · {t(`role.${user.role}`)}
              </span>
              <button
                type="button"
                className="btn btn-ghost"
                data-testid="logout"
                onClick={() => void logout().then(() => navigate('/login'))}
              >
                {t('app.logout')}
              </button>
            </span>
          ) : (
            <Link to="/login" className="btn btn-ghost">
              {t('app.login')}
            </Link>
          )}
        </div>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
