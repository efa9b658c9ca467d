/**
 * Who is logged in: the token in localStorage (shared by the browser's tabs), the account from
 * GET /auth/me, and login/logout. A 401 from any call, or a logout in any tab, logs every tab out;
 * a login in another tab logs this one in.
 */
import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { apiFetch, onUnauthorized, TOKEN_KEY, tokenStore } from '../api/client';
import type { UserDto, UserRole } from '../api/types';

export type AuthState =
  | { status: 'checking'; user: null }
  | { status: 'anonymous'; user: null }
  | { status: 'user'; user: UserDto };

interface AuthApi {
  auth: AuthState;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthApi | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [auth, setAuth] = useState<AuthState>(() =>
    tokenStore.get() === null ? { status: 'anonymous', user: null } : { status: 'checking', user: null },
  );

  const check = useCallback(() => {
    if (tokenStore.get() === null) {
      setAuth({ status: 'anonymous', user: null });
      return;
    }
    apiFetch<{ user: UserDto }>('/auth/me').then(
      ({ user }) => setAuth({ status: 'user', user }),
      () => {
        tokenStore.set(null);
        setAuth({ status: 'anonymous', user: null });
      },
    );
  }, []);

  useEffect(check, [check]);

  // Another tab logged in, out, or was told its token is gone: follow it.
  useEffect(() => {
    const onStorage = (e: StorageEvent): void => {
      if (e.key === TOKEN_KEY || e.key === null) check();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [check]);

  useEffect(
    () =>
      onUnauthorized(() => {
        tokenStore.set(null);
        setAuth({ status: 'anonymous', user: null });
      }),
    [],
  );

  const login = useCallback(async (username: string, password: string) => {
    const res = await apiFetch<{ token: string; user: UserDto }>('/auth/login', {
      method: 'POST',
      body: { username, password },
    });
    tokenStore.set(res.token);
    setAuth({ status: 'user', user: res.user });
  }, []);

  const logout = useCallback(async () => {
    try {
      await apiFetch('/auth/logout', { method: 'POST' });
    } finally {
      tokenStore.set(null);
      setAuth({ status: 'anonymous', user: null });
    }
  }, []);

  const value = useMemo(() => ({ auth, login, logout }), [auth, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthApi {
  const ctx = useContext(AuthContext);
  if (ctx === null) throw new Error('useAuth outside <AuthProvider>');
  return ctx;
}

/** The logged-in user's role, or null for the public. */
export function useRole(): UserRole | null {
  const { auth } = useAuth();
  return auth.status === 'user' ? auth.user.role : null;
}

/** Whether the role is among the given ones. */
export function hasRole(role: UserRole | null, roles: readonly UserRole[]): boolean {
  return role !== null && roles.includes(role);
}
