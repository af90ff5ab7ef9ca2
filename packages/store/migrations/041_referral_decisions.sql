-- The targeting officers' decisions on referrals (issue 6): the lane an
-- officer decides for a declaration the risk engine referred, why, and the
-- inspector the control is assigned to. A decision is a record: it is never
-- changed or deleted; deciding again adds a decision that supersedes it.
CREATE TABLE referral_decisions (
  id                   bigserial PRIMARY KEY,
  declaration_id       text NOT NULL,
  declaration_version  integer NOT NULL,
  -- The assessment the officer had in front of them (its snapshot key), if any.
  snapshot             text,
  assessed_lane        text CHECK (assessed_lane IN ('green', 'blue', 'yellow', 'red')),
  lane                 text NOT NULL CHECK (lane IN ('green', 'blue', 'yellow', 'red')),
  reason               text NOT NULL CHECK (length(btrim(reason)) > 0),
  decided_by           text NOT NULL,
  decided_at           timestamptz NOT NULL DEFAULT now(),
  assigned_to          text REFERENCES users (id),
  supersedes           bigint REFERENCES referral_decisions (id),
  CONSTRAINT referral_decisions_assign_controls CHECK (assigned_to IS NULL OR lane IN ('red', 'yellow')),
  FOREIGN KEY (declaration_id, declaration_version) REFERENCES declarations (id, version)
);
CREATE INDEX referral_decisions_declaration ON referral_decisions (declaration_id, id);
CREATE INDEX referral_decisions_assigned ON referral_decisions (assigned_to, id) WHERE assigned_to IS NOT NULL;

CREATE FUNCTION referral_decisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'SIEVE_ERR_DECISION_IMMUTABLE: a decision is never changed (% refused); record a new one', TG_OP;
END
$$;
CREATE TRIGGER referral_decisions_no_update BEFORE UPDATE OR DELETE OR TRUNCATE ON referral_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION referral_decisions_append_only();
