-- Foundation: parties, declarations, cargo reports, inspection results,
-- intake runs, quarantine and the append-only audit log.
-- Every record keeps its full validated document (doc) for replay and audit,
-- as json (kept as text, checked once): written once and read whole, it
-- costs a third of jsonb to write, and queries filter on the columns beside it.

CREATE TABLE intake_runs (
  id           bigserial PRIMARY KEY,
  source       text NOT NULL,
  format       text NOT NULL,
  map          text,
  actor        text NOT NULL,
  status       text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  read         integer NOT NULL DEFAULT 0,
  accepted     integer NOT NULL DEFAULT 0,
  inserted     integer NOT NULL DEFAULT 0,
  duplicates   integer NOT NULL DEFAULT 0,
  quarantined  integer NOT NULL DEFAULT 0,
  error        text,
  -- accepted = inserted + duplicates, and read = accepted + quarantined, always.
  CONSTRAINT intake_runs_counts CHECK (accepted = inserted + duplicates AND read = accepted + quarantined)
);

CREATE TABLE parties (
  id             text PRIMARY KEY,
  name           text,
  country        text,
  doc            jsonb NOT NULL,
  first_seen_at  timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE declarations (
  id                text NOT NULL,
  version           integer NOT NULL,
  type              text NOT NULL,
  procedure         text NOT NULL,
  office            text NOT NULL,
  lodged_at         timestamptz NOT NULL,
  declarant_id      text NOT NULL,
  importer_id       text,
  exporter_id       text,
  seller_id         text,
  consignee_id      text,
  carrier_id        text,
  transport_mode    text,
  dispatch_country  text,
  currency          text NOT NULL,
  customs_value     double precision,
  item_count        integer NOT NULL,
  doc               json NOT NULL,
  run_id            bigint REFERENCES intake_runs (id),
  received_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);
CREATE INDEX declarations_lodged_at ON declarations (lodged_at);

CREATE TABLE declaration_items (
  declaration_id  text NOT NULL,
  version         integer NOT NULL,
  sequence        integer NOT NULL,
  hs_code         text NOT NULL,
  origin          text,
  quantity        double precision,
  net_mass_kg     double precision,
  value           double precision NOT NULL
);
CREATE INDEX declaration_items_key ON declaration_items (declaration_id, version);

CREATE TABLE cargo_reports (
  id              text NOT NULL,
  version         integer NOT NULL,
  reported_at     timestamptz NOT NULL,
  carrier_id      text NOT NULL,
  conveyance_id   text NOT NULL,
  voyage          text NOT NULL,
  bill_count      integer NOT NULL,
  doc             json NOT NULL,
  run_id          bigint REFERENCES intake_runs (id),
  received_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);

CREATE TABLE inspection_results (
  id                   text PRIMARY KEY,
  declaration_id       text NOT NULL,
  declaration_version  integer,
  inspector            text NOT NULL,
  kind                 text NOT NULL,
  outcome              text NOT NULL,
  started_at           timestamptz NOT NULL,
  ended_at             timestamptz,
  doc                  json NOT NULL,
  run_id               bigint REFERENCES intake_runs (id),
  received_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspection_results_declaration ON inspection_results (declaration_id);

CREATE TABLE quarantine (
  id          bigserial PRIMARY KEY,
  run_id      bigint NOT NULL REFERENCES intake_runs (id),
  record_no   integer NOT NULL,
  kind        text,
  reasons     jsonb NOT NULL,
  raw         text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quarantine_run ON quarantine (run_id, record_no);

CREATE TABLE audit_log (
  id         bigserial PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  actor      text NOT NULL,
  action     text NOT NULL,
  entity     text NOT NULL,
  entity_id  text,
  reason     text,
  source     text,
  details    jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

-- The audit log is append-only: not even the application can change history.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'SIEVE_ERR_AUDIT_APPEND_ONLY: the audit log is append-only (% refused)', TG_OP;
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
