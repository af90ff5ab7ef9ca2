import { type FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { homeFor, mayUse } from '../auth/navigation.ts';
import { useSession } from '../auth/session.tsx';
import { Field } from '../components/form-fields.tsx';

/** Why a login failed, in words a person can act on. */
function loginProblem(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'SIEVE_ERR_BAD_CREDENTIALS') return 'Unknown user name or wrong password.';
    if (err.code === 'SIEVE_ERR_ACCOUNT_LOCKED')
      return `${err.message} Ask an administrator to unlock it, or wait.`;
    return err.message;
  }
  return 'The server could not be reached.';
}

export function LoginPage() {
  const { me, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;

  if (me) return <Navigate to={homeFor(me.role)} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const who = await login(username.trim(), password);
      // Back where the person was going, if their role may go there.
      navigate(from && mayUse(who.role, from.split('?')[0] ?? '') ? from : homeFor(who.role), {
        replace: true,
      });
    } catch (err) {
      setProblem(loginProblem(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-screen">
      <form className="login-card" onSubmit={submit} aria-label="Log in">
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true" />
          <div>
            <div className="login-title">Sieve</div>
            <div className="muted">Customs risk management workbench</div>
          </div>
        </div>
        <Field
          label="User name"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        {problem ? (
          <div className="notice notice-error" role="alert">
            {problem}
          </div>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
        <p className="muted small">
          Every view of a declaration and every decision is recorded in the audit log.
        </p>
      </form>
    </div>
  );
}
