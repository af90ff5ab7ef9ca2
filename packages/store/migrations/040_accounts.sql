-- Accounts of the workbench (issue 6): people with one role each, their
-- sessions, API tokens for system-to-system intake, and the few settings an
-- administrator can change at run time. Secrets are never stored: passwords
-- as argon2id hashes, session and API tokens as SHA-256 digests.

CREATE TABLE users (
  id                  text PRIMARY KEY,
  display_name        text NOT NULL,
  role                text NOT NULL CHECK (role IN (
                        'administrator', 'risk_analyst', 'targeting_officer',
                        'inspector', 'supervisor', 'trader')),
  -- A trader sees the declarations where this party is declarant or importer.
  party_id            text,
  password_hash       text NOT NULL,
  disabled            boolean NOT NULL DEFAULT false,
  failed_logins       integer NOT NULL DEFAULT 0,
  locked_until        timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  created_by          text NOT NULL,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  last_login_at       timestamptz,
  CONSTRAINT users_trader_party CHECK ((role = 'trader') = (party_id IS NOT NULL))
);

CREATE TABLE sessions (
  token_sha256  text PRIMARY KEY,
  user_id       text NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  ip            text,
  user_agent    text,
  revoked_at    timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id            bigserial PRIMARY KEY,
  name          text NOT NULL UNIQUE,
  token_sha256  text NOT NULL UNIQUE,
  -- What the token may do; today only 'intake' (system-to-system feeds).
  scope         text NOT NULL CHECK (scope IN ('intake')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL,
  expires_at    timestamptz,
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  revoked_by    text
);

CREATE TABLE settings (
  key         text PRIMARY KEY,
  value       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL
);

-- Audit searches by time and by actor (the workbench's audit page, exports).
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, id);
