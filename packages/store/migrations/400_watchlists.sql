-- Watchlists (issue 4): versioned lists, their entries, and per-list screening policies.
-- A version is immutable once imported; activating another version is how a list changes.
CREATE TABLE IF NOT EXISTS watchlist_versions (
  list_id     text NOT NULL,
  version     text NOT NULL,
  name        text NOT NULL,
  source      text,
  entry_count integer NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  imported_by text NOT NULL,
  active      boolean NOT NULL DEFAULT false,
  PRIMARY KEY (list_id, version)
);
-- At most one active version per list.
CREATE UNIQUE INDEX IF NOT EXISTS watchlist_versions_one_active ON watchlist_versions (list_id) WHERE active;

CREATE TABLE IF NOT EXISTS watchlist_entries (
  list_id      text NOT NULL,
  version      text NOT NULL,
  entry_id     text NOT NULL,
  kind         text NOT NULL,
  primary_name text NOT NULL,
  entry        jsonb NOT NULL,
  PRIMARY KEY (list_id, version, entry_id),
  FOREIGN KEY (list_id, version) REFERENCES watchlist_versions (list_id, version) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS watchlist_policies (
  list_id    text PRIMARY KEY,
  threshold  real CHECK (threshold > 0 AND threshold <= 1),
  points     integer CHECK (points >= 0),
  lane       text CHECK (lane IN ('red', 'yellow')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
