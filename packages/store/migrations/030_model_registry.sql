-- Model registry: versioned risk models with their features, metrics and
-- training period; at most one active model; activations are audited
-- (audit_log) like ruleset activations.
CREATE TABLE IF NOT EXISTS model_versions (
  id            bigserial PRIMARY KEY,
  sha256        text NOT NULL UNIQUE,
  feature_set   text NOT NULL,
  features      jsonb NOT NULL,
  params        jsonb NOT NULL,
  metrics       jsonb NOT NULL,
  trained_from  date NOT NULL,
  trained_to    date NOT NULL,
  training_rows integer NOT NULL,
  model_json    text NOT NULL,
  registered_at timestamptz NOT NULL DEFAULT now(),
  registered_by text NOT NULL,
  active        boolean NOT NULL DEFAULT false,
  activated_at  timestamptz,
  activated_by  text
);
CREATE UNIQUE INDEX IF NOT EXISTS model_versions_one_active ON model_versions (active) WHERE active;
