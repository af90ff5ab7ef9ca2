#!/usr/bin/env bash
# Makes sure the services the CI tests talk to are up: PostgreSQL on
# 127.0.0.1:5432. On the project's machines they are started before a session;
# this starts one that has stopped. It never installs a server by hand-made
# means: a machine without PostgreSQL runs the PGlite half of the suite, and
# `npm test` says what it skipped (or fails, when CI is set).
set -u
if command -v pg_isready >/dev/null 2>&1; then
  if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    echo "PostgreSQL is not answering on 127.0.0.1:5432; trying to start it"
    if command -v pg_ctlcluster >/dev/null 2>&1; then
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    fi
    sleep 2
  fi
  pg_isready -h 127.0.0.1 -p 5432 || echo "PostgreSQL still not ready"
else
  echo "pg_isready not found: no local PostgreSQL client"
fi
