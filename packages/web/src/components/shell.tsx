import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { navFor } from '../auth/navigation.ts';
import { useMe, useSession } from '../auth/session.tsx';
import { ROLE_NAMES } from '../lib/format.ts';

/** The frame of every page once logged in: the pages this role may use, who is logged in, log out. */
export function Shell() {
  const me = useMe();
  const { logout } = useSession();
  const navigate = useNavigate();
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="/" aria-label="Sieve workbench">
          <span className="brand-mark" aria-hidden="true" />
          Sieve
        </a>
        <nav className="nav" aria-label="Main">
          {navFor(me.role).map((n) => (
            <NavLink key={n.path} to={n.path} className={({ isActive }) => (isActive ? 'active' : undefined)}>
              {n.label}
            </NavLink>
          ))}
        </nav>
        <div className="who">
          <Link to="/password" title={`${me.id}: change my password`} className="me">
            {me.displayName}
          </Link>
          <span className="role">{ROLE_NAMES[me.role] ?? me.role}</span>
          <button
            type="button"
            className="link"
            onClick={async () => {
              await logout();
              navigate('/login');
            }}
          >
            Log out
          </button>
        </div>
      </header>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
