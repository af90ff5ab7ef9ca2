import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, fieldErrors } from '../api/client.ts';
import { USER_ROLES, type UserRole } from '../api/types.ts';
import { DataTable } from '../components/data-table.tsx';
import { Field, SelectField } from '../components/form-fields.tsx';
import { ErrorNotice, PageHeader } from '../components/notices.tsx';
import { QueryView } from '../components/query-view.tsx';
import { formatDateTime, ROLE_NAMES } from '../lib/format.ts';

/** server: User */
interface User {
  id: string;
  displayName: string;
  role: UserRole;
  partyId: string | null;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
  lastLoginAt: string | null;
}

/**
 * The administrator's accounts: who may log in with which role, locked
 * accounts to unlock, accounts to disable. Every change is audited by the
 * server.
 */
export function AccountsPage() {
  const client = useQueryClient();
  const users = useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => api<User[]>('/api/users', { signal }),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['users'] });
  const unlock = useMutation({
    mutationFn: (id: string) => api(`/api/users/${encodeURIComponent(id)}/unlock`, { method: 'POST' }),
    onSuccess: refresh,
  });
  const toggle = useMutation({
    mutationFn: (u: User) =>
      api(`/api/users/${encodeURIComponent(u.id)}`, { method: 'PATCH', body: { disabled: !u.disabled } }),
    onSuccess: refresh,
  });
  const now = Date.now();
  return (
    <>
      <PageHeader title="Accounts" />
      <NewAccount onCreated={refresh} />
      {unlock.isError ? <ErrorNotice error={unlock.error} what="Unlocking" /> : null}
      {toggle.isError ? <ErrorNotice error={toggle.error} what="The change" /> : null}
      <QueryView query={users} what="Accounts" isEmpty={(d) => d.length === 0} empty="No account.">
        {(d) => (
          <DataTable testId="accounts" columns={['User name', 'Name', 'Role', 'Last login', 'State', '']}>
            {d.map((u) => {
              const locked = u.lockedUntil !== null && Date.parse(u.lockedUntil) > now;
              return (
                <tr key={u.id}>
                  <td className="mono">{u.id}</td>
                  <td>{u.displayName}</td>
                  <td>
                    {ROLE_NAMES[u.role] ?? u.role}
                    {u.partyId ? <span className="muted mono"> {u.partyId}</span> : null}
                  </td>
                  <td className="nowrap">{formatDateTime(u.lastLoginAt)}</td>
                  <td>
                    {u.disabled ? (
                      <span className="status">disabled</span>
                    ) : locked ? (
                      <span className="status status-draft">
                        locked until {formatDateTime(u.lockedUntil)}
                      </span>
                    ) : (
                      <span className="status status-active">active</span>
                    )}
                  </td>
                  <td className="nowrap">
                    {locked ? (
                      <button type="button" className="link" onClick={() => unlock.mutate(u.id)}>
                        Unlock
                      </button>
                    ) : null}{' '}
                    <button type="button" className="link" onClick={() => toggle.mutate(u)}>
                      {u.disabled ? 'Enable' : 'Disable'}
                    </button>
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </QueryView>
    </>
  );
}

const ROLE_CHOICES = USER_ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r] }));

function NewAccount({ onCreated }: { onCreated: () => void }) {
  const [form, setForm] = useState({
    id: '',
    displayName: '',
    role: 'targeting_officer' as UserRole,
    partyId: '',
    password: '',
  });
  const create = useMutation({
    mutationFn: () =>
      api('/api/users', {
        method: 'POST',
        body: {
          id: form.id.trim(),
          displayName: form.displayName.trim(),
          role: form.role,
          password: form.password,
          ...(form.role === 'trader' ? { partyId: form.partyId.trim() } : {}),
        },
      }),
    onSuccess: () => {
      setForm((f) => ({ ...f, id: '', displayName: '', partyId: '', password: '' }));
      onCreated();
    },
  });
  const problems = fieldErrors(create.error);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }
  return (
    <form className="filters" onSubmit={submit} aria-label="New account">
      <Field
        label="User name"
        value={form.id}
        onChange={(e) => set({ id: e.target.value.toLowerCase() })}
        placeholder="ana.lee"
        required
        size={14}
        error={problems.id}
      />
      <Field
        label="Name"
        value={form.displayName}
        onChange={(e) => set({ displayName: e.target.value })}
        required
        size={18}
      />
      <SelectField
        label="Role"
        value={form.role}
        onChange={(role) => set({ role: role as UserRole })}
        choices={ROLE_CHOICES}
      />
      {form.role === 'trader' ? (
        <Field
          label="Party id"
          value={form.partyId}
          onChange={(e) => set({ partyId: e.target.value })}
          required
          size={14}
          error={problems.partyId}
        />
      ) : null}
      <Field
        label="Password"
        type="password"
        autoComplete="new-password"
        value={form.password}
        onChange={(e) => set({ password: e.target.value })}
        required
        size={14}
        error={problems.password}
      />
      <button type="submit" className="primary" disabled={create.isPending}>
        Create account
      </button>
      {create.isError && Object.keys(problems).length === 0 ? (
        <ErrorNotice error={create.error} what="Creating the account" />
      ) : null}
    </form>
  );
}
