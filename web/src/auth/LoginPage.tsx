/** The login page: username and password → token in localStorage → back where the user was going. */
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../app/Shell';
import { Link, navigate, useLocation } from '../app/router';
import { useAuth } from './AuthContext';

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const { search } = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    login(username.trim(), password).then(
      () => {
        const next = search.get('next');
        navigate(next !== null && next.startsWith('/') && !next.startsWith('//') ? next : '/', {
          replace: true,
        });
      },
      (err: unknown) => {
        setBusy(false);
        setError(err instanceof Error ? err.message : String(err));
      },
    );
  };

  return (
    <div className="login-screen">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <form className="login-card" onSubmit={submit} aria-label={t('login.title')}>
        <div className="login-brand">
          <span className="brand-mark">青</span>
          <div>
            <h1>{t('app.title')}</h1>
            <p className="muted">{t('login.title')}</p>
          </div>
        </div>
        <label>
          {t('login.username')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error !== null && (
          <p className="form-error" role="alert">
            {t('login.failed', { message: error })}
          </p>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
        <p className="muted small">{t('login.demoHint')}</p>
        <Link to="/public" className="small">
          {t('login.toPublic')}
        </Link>
      </form>
    </div>
  );
}
