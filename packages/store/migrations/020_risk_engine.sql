-- Risk engine (issue 3): versioned reference lists, rulesets (draft -> active,
-- active immutable, rollback = activating an older version), value bands,
-- commodity lookouts and scoring policies; assessments (the decisions) keyed
-- idempotently by declaration and snapshot; rule statistics from inspection
-- feedback. Every change of what scoring uses is in audit_log (who, when, why).

-- A reference list version never changes: a new content is a new version.
CREATE TABLE IF NOT EXISTS reference_lists (
  name         text NOT NULL,
  version      integer NOT NULL CHECK (version > 0),
  type         text NOT NULL,
  description  text,
  entries      json NOT NULL,
  entry_count  integer NOT NULL,
  sha256       text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  created_by   text NOT NULL,
  PRIMARY KEY (name, version)
);

CREATE TABLE IF NOT EXISTS rulesets (
  name            text NOT NULL,
  version         integer NOT NULL CHECK (version > 0),
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'retired')),
  rules           json NOT NULL,
  -- The list versions the rules were checked against: {"narcotics_source_countries": 3}.
  list_versions   json NOT NULL,
  rule_count      integer NOT NULL,
  sha256          text NOT NULL,
  origin          text NOT NULL CHECK (origin IN ('import', 'feedback')),
  parent_version  integer,
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      text NOT NULL,
  reason          text,
  activated_at    timestamptz,
  activated_by    text,
  PRIMARY KEY (name, version)
);
CREATE UNIQUE INDEX IF NOT EXISTS rulesets_one_active ON rulesets (name) WHERE status = 'active';

-- Bands, lookouts and scoring policies: one versioned document each, one active per kind.
CREATE TABLE IF NOT EXISTS risk_artifacts (
  kind          text NOT NULL CHECK (kind IN ('bands', 'lookouts', 'policy')),
  version       integer NOT NULL CHECK (version > 0),
  doc           json NOT NULL,
  sha256        text NOT NULL,
  summary       text,
  active        boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL,
  reason        text,
  activated_at  timestamptz,
  activated_by  text,
  PRIMARY KEY (kind, version)
);
CREATE UNIQUE INDEX IF NOT EXISTS risk_artifacts_one_active ON risk_artifacts (kind) WHERE active;

-- What scoring used can be replayed: lists never change; a ruleset or a
-- document that has ever been active keeps its content (only its status moves),
-- and none of them is deleted.
-- (One function per table: PL/pgSQL cannot name a column another table lacks.)
CREATE OR REPLACE FUNCTION reference_lists_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'SIEVE_ERR_VERSION_IMMUTABLE: reference list %@% never changes (% refused); import a new version',
    OLD.name, OLD.version, TG_OP;
END
$$;
CREATE OR REPLACE FUNCTION rulesets_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'SIEVE_ERR_VERSION_IMMUTABLE: ruleset %@% is kept for replay (DELETE refused)', OLD.name, OLD.version;
  END IF;
  IF OLD.activated_at IS NOT NULL
     AND (NEW.rules::text <> OLD.rules::text OR NEW.list_versions::text <> OLD.list_versions::text
          OR NEW.sha256 <> OLD.sha256 OR NEW.name <> OLD.name OR NEW.version <> OLD.version) THEN
    RAISE EXCEPTION 'SIEVE_ERR_RULESET_IMMUTABLE: ruleset %@% has been active and cannot change; import a new version',
      OLD.name, OLD.version;
  END IF;
  RETURN NEW;
END
$$;
CREATE OR REPLACE FUNCTION risk_artifacts_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'SIEVE_ERR_VERSION_IMMUTABLE: % version % is kept for replay (DELETE refused)', OLD.kind, OLD.version;
  END IF;
  IF NEW.doc::text <> OLD.doc::text OR NEW.sha256 <> OLD.sha256 OR NEW.kind <> OLD.kind OR NEW.version <> OLD.version THEN
    RAISE EXCEPTION 'SIEVE_ERR_VERSION_IMMUTABLE: % version % never changes; import a new version', OLD.kind, OLD.version;
  END IF;
  RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS reference_lists_immutable ON reference_lists;
CREATE TRIGGER reference_lists_immutable BEFORE UPDATE OR DELETE ON reference_lists
  FOR EACH ROW EXECUTE FUNCTION reference_lists_immutable();
DROP TRIGGER IF EXISTS rulesets_immutable ON rulesets;
CREATE TRIGGER rulesets_immutable BEFORE UPDATE OR DELETE ON rulesets
  FOR EACH ROW EXECUTE FUNCTION rulesets_immutable();
DROP TRIGGER IF EXISTS risk_artifacts_immutable ON risk_artifacts;
CREATE TRIGGER risk_artifacts_immutable BEFORE UPDATE OR DELETE ON risk_artifacts
  FOR EACH ROW EXECUTE FUNCTION risk_artifacts_immutable();

CREATE TABLE IF NOT EXISTS scoring_runs (
  id           bigserial PRIMARY KEY,
  source       text NOT NULL,
  ruleset      text NOT NULL,
  snapshot     text NOT NULL,
  versions     json NOT NULL,
  actor        text NOT NULL,
  status       text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  scored       integer NOT NULL DEFAULT 0,
  inserted     integer NOT NULL DEFAULT 0,
  duplicates   integer NOT NULL DEFAULT 0,
  error        text,
  CONSTRAINT scoring_runs_counts CHECK (scored = inserted + duplicates)
);

-- One decision per declaration version and snapshot: scoring the same
-- declaration twice with the same versions and seed adds nothing.
CREATE TABLE IF NOT EXISTS assessments (
  declaration_id       text NOT NULL,
  declaration_version  integer NOT NULL,
  snapshot             text NOT NULL,
  ruleset              text NOT NULL,
  lodged_at            timestamptz NOT NULL,
  office               text NOT NULL,
  points               double precision NOT NULL,
  risk_lane            text NOT NULL CHECK (risk_lane IN ('green', 'blue', 'yellow', 'red')),
  lane                 text NOT NULL CHECK (lane IN ('green', 'blue', 'yellow', 'red')),
  selected_by          text NOT NULL CHECK (selected_by IN ('random', 'risk', 'none')),
  random_draw          double precision NOT NULL,
  random_drawn         boolean NOT NULL,
  doc                  json NOT NULL,
  run_id               bigint REFERENCES scoring_runs (id),
  assessed_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (declaration_id, declaration_version, snapshot)
);
CREATE INDEX IF NOT EXISTS assessments_run ON assessments (run_id);

-- The rules that fired, one row each: for feedback and "which rules fire most".
CREATE TABLE IF NOT EXISTS assessment_rules (
  declaration_id       text NOT NULL,
  declaration_version  integer NOT NULL,
  snapshot             text NOT NULL,
  rule_id              text NOT NULL,
  points               double precision NOT NULL,
  run_id               bigint,
  PRIMARY KEY (declaration_id, declaration_version, snapshot, rule_id)
);
CREATE INDEX IF NOT EXISTS assessment_rules_run ON assessment_rules (run_id, rule_id);

-- Time-decayed statistics per rule of a ruleset (all versions: a rule keeps its id).
-- rule_id '*random*' is the yardstick of random draws, '*all*' every inspection.
CREATE TABLE IF NOT EXISTS rule_stats (
  ruleset                text NOT NULL,
  rule_id                text NOT NULL,
  inspected              integer NOT NULL,
  resultant              integer NOT NULL,
  random_inspected       integer NOT NULL,
  random_resultant       integer NOT NULL,
  decayed_resultant      double precision NOT NULL,
  decayed_non_resultant  double precision NOT NULL,
  as_of                  timestamptz,
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ruleset, rule_id)
);

-- Each inspection result feeds the statistics once.
CREATE TABLE IF NOT EXISTS feedback_applied (
  inspection_id        text PRIMARY KEY,
  declaration_id       text NOT NULL,
  snapshot             text NOT NULL,
  ruleset              text NOT NULL,
  resultant            boolean NOT NULL,
  random               boolean NOT NULL,
  rules                json NOT NULL,
  applied_at           timestamptz NOT NULL DEFAULT now()
);
