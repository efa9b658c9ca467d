/** Accounts (admin only): create, disable or enable, reset a password. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client';
import { useDistrictsQuery, useSitesQuery } from '../../api/site-queries';
import type { UserDto, UserRole } from '../../api/types';
import { useApiQuery } from '../../api/use-api-query';
import { useMutation } from '../../api/use-mutation';
import { DataTable } from '../../components/DataTable';
import { Notice } from '../../components/Notice';
import { QueryView } from '../../components/QueryView';
import { formatChinaTime } from '../../lib/format';

const ROLES: readonly UserRole[] = ['admin', 'supervisor', 'district', 'operator', 'enterprise'];

function CreateUser({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<UserRole>('supervisor');
  const [scope, setScope] = useState('');
  const { run, busy, notice } = useMutation();
  // Examples from the city's own data, never a fixed city's codes.
  const districts = useDistrictsQuery();
  const enterprises = useSitesQuery('enterprise', { enabled: role === 'enterprise' });
  const example =
    (role === 'district' ? districts.data?.items[0]?.code : enterprises.data?.items[0]?.code) ?? '';
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const body = {
      username,
      password,
      role,
      ...(role === 'district' ? { district: scope } : {}),
      ...(role === 'enterprise' ? { enterprise: scope } : {}),
    };
    const ok = await run(
      () => apiFetch<UserDto>('/users', { method: 'POST', body }),
      (u) => t('admin.created2', { username: u.username }),
    );
    if (ok) {
      setUsername('');
      setPassword('');
      setScope('');
      onCreated();
    }
  };
  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="create-user">
      <label>
        {t('admin.username')}
        <input required value={username} onChange={(e) => setUsername(e.target.value)} name="new-username" />
      </label>
      <label>
        {t('admin.password')}
        <input
          required
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          name="new-password"
        />
      </label>
      <label>
        {t('admin.role')}
        <select value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {(role === 'district' || role === 'enterprise') && (
        <label>
          {role === 'district' ? t('admin.district') : t('admin.enterprise')}
          <input required value={scope} placeholder={example} onChange={(e) => setScope(e.target.value)} />
        </label>
      )}
      <button type="submit" className="btn btn-small" disabled={busy}>
        {t('admin.create')}
      </button>
      <Notice notice={notice} />
    </form>
  );
}

function UserActions({ user, onChanged }: { user: UserDto; onChanged: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const { run, busy, notice } = useMutation();
  const path = `/users/${encodeURIComponent(user.username)}`;
  const toggle = async (): Promise<void> => {
    const ok = await run(
      () => apiFetch<UserDto>(path, { method: 'PATCH', body: { enabled: !user.enabled } }),
      () => t('admin.saved'),
    );
    if (ok) onChanged();
  };
  const reset = async (): Promise<void> => {
    const ok = await run(
      () => apiFetch<void>(`${path}/password`, { method: 'PUT', body: { password } }),
      () => t('admin.passwordReset', { username: user.username }),
    );
    if (ok) setPassword('');
  };
  return (
    <div className="actions">
      <button
        type="button"
        className={`btn btn-small ${user.enabled ? 'btn-danger' : ''}`}
        disabled={busy}
        onClick={() => void toggle()}
      >
        {user.enabled ? t('admin.disable') : t('admin.enable')}
      </button>
      <input
        type="password"
        autoComplete="new-password"
        placeholder={t('admin.newPassword')}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        aria-label={`${t('admin.newPassword')} ${user.username}`}
      />
      <button
        type="button"
        className="btn btn-small"
        disabled={busy || !password}
        onClick={() => void reset()}
      >
        {t('admin.resetPassword')}
      </button>
      <Notice notice={notice} />
    </div>
  );
}

export function UsersTab() {
  const { t } = useTranslation();
  const users = useApiQuery<{ items: UserDto[] }>('/users');
  return (
    <div className="stack-tight" data-testid="users-tab">
      <h3>{t('admin.createUser')}</h3>
      <CreateUser onCreated={users.reload} />
      <QueryView state={users} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <DataTable
            testId="user-table"
            rows={d.items}
            rowKey={(u) => u.id}
            columns={[
              { key: 'u', header: t('admin.username'), cell: (u) => u.username },
              { key: 'r', header: t('admin.role'), cell: (u) => t(`role.${u.role}`) },
              {
                key: 'd',
                header: t('air.district'),
                cell: (u) => u.districtCode ?? (u.enterpriseSiteId === null ? '—' : `#${u.enterpriseSiteId}`),
              },
              { key: 'e', header: t('admin.enabled'), cell: (u) => (u.enabled ? '✓' : '✗') },
              { key: 'c', header: t('admin.created'), cell: (u) => formatChinaTime(u.createdAt) },
              {
                key: 'a',
                header: t('admin.actions'),
                cell: (u) => <UserActions user={u} onChanged={users.reload} />,
              },
            ]}
          />
        )}
      </QueryView>
    </div>
  );
}
