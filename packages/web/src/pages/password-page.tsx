import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client.ts';
import { Field } from '../components/form-fields.tsx';
import { ErrorNotice, PageHeader } from '../components/notices.tsx';

/** Everyone changes their own password here (the server ends their other sessions). */
export function PasswordPage() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const change = useMutation({
    mutationFn: () =>
      api('/api/auth/password', { method: 'POST', body: { currentPassword: current, newPassword: next } }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setAgain('');
    },
  });
  const mismatch = again.length > 0 && again !== next;
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!mismatch) change.mutate();
  }
  return (
    <div className="narrow">
      <PageHeader title="Change my password" />
      <form className="card stack" onSubmit={submit} aria-label="Change my password">
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          required
        />
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          required
        />
        <Field
          label="New password again"
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={(e) => setAgain(e.target.value)}
          required
          error={mismatch ? 'the two new passwords differ' : undefined}
        />
        {change.isError ? <ErrorNotice error={change.error} what="Changing the password" /> : null}
        {change.isSuccess ? (
          <div className="notice notice-ok" role="status">
            Password changed; your other sessions are ended.
          </div>
        ) : null}
        <button type="submit" className="primary" disabled={change.isPending || mismatch}>
          Change password
        </button>
      </form>
    </div>
  );
}
