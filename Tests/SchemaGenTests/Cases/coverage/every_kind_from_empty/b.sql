-- Every kind of object schemagen manages, in one database, as people write it.
CREATE SCHEMA billing;
COMMENT ON SCHEMA billing IS 'money';
CREATE EXTENSION pg_trgm WITH SCHEMA public VERSION '1.5';
CREATE EXTENSION btree_gist;
CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
COMMENT ON COLLATION case_insensitive IS 'compares without case';

CREATE TYPE billing.status AS ENUM ('draft', 'open', 'paid');
COMMENT ON TYPE billing.status IS 'invoice state';
CREATE DOMAIN billing.wei AS numeric(78,0) CHECK (VALUE >= 0);
CREATE DOMAIN tag_list AS text[] DEFAULT '{}' CHECK (cardinality(VALUE) <= 16);
CREATE TYPE billing.money_amount AS (currency char(3), amount numeric(20,8));
CREATE TYPE billing.period AS RANGE (subtype = date);
CREATE SEQUENCE billing.invoice_numbers AS integer START WITH 1000 INCREMENT BY 10 CACHE 5;

CREATE TABLE billing.customers (
  id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100) PRIMARY KEY,
  email text COLLATE case_insensitive NOT NULL UNIQUE,
  name text NOT NULL,
  tags tag_list,
  balance billing.wei NOT NULL DEFAULT 0,
  name_length int GENERATED ALWAYS AS (length(name)) STORED,
  CONSTRAINT customers_name_check CHECK (name <> '')
) WITH (fillfactor = 90);
ALTER TABLE billing.customers REPLICA IDENTITY FULL;
COMMENT ON TABLE billing.customers IS 'who pays';
COMMENT ON COLUMN billing.customers.email IS 'unique without case';

CREATE TABLE billing.invoices (
  id serial PRIMARY KEY,
  number int NOT NULL DEFAULT nextval('billing.invoice_numbers'),
  customer_id bigint NOT NULL REFERENCES billing.customers (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  status billing.status NOT NULL DEFAULT 'draft',
  total billing.money_amount,
  valid billing.period,
  fee numeric(20,8) NOT NULL DEFAULT 0 CHECK (fee >= 0),
  note text,
  EXCLUDE USING gist (customer_id WITH =, valid WITH &&) WHERE (status <> 'draft')
);
ALTER SEQUENCE billing.invoice_numbers OWNED BY billing.invoices.number;
CREATE UNIQUE INDEX invoices_number_idx ON billing.invoices (number) INCLUDE (customer_id) WHERE status <> 'draft';
CREATE INDEX invoices_note_trgm ON billing.invoices USING gist (note gist_trgm_ops (siglen = 32));
CREATE INDEX invoices_lower_note ON billing.invoices (lower(note) DESC NULLS LAST);
ALTER TABLE billing.invoices CLUSTER ON invoices_lower_note;

CREATE UNLOGGED TABLE scratch (k text PRIMARY KEY, v jsonb);

CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, kind text NOT NULL, body jsonb) PARTITION BY RANGE (at);
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') PARTITION BY LIST (kind);
CREATE TABLE events_2025_login PARTITION OF events_2025 FOR VALUES IN ('login');
CREATE TABLE events_2025_other PARTITION OF events_2025 DEFAULT;
CREATE TABLE events_rest PARTITION OF events DEFAULT;
CREATE INDEX events_at_idx ON events (at);

CREATE TABLE animals (id serial PRIMARY KEY, name text NOT NULL, CHECK (name <> ''));
CREATE TABLE dogs (breed text) INHERITS (animals);
ALTER TABLE dogs ALTER COLUMN name SET DEFAULT 'rex';

CREATE FUNCTION billing.invoice_total(inv billing.invoices) RETURNS numeric LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT (inv.total).amount + inv.fee $$;
CREATE FUNCTION billing.invoice_total(amount numeric, fee numeric DEFAULT 0) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT amount + fee $$;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ BEGIN RETURN NEW; END $$;
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE PROCEDURE billing.close_invoices(before date) LANGUAGE plpgsql AS $$ BEGIN NULL; END $$;
COMMENT ON FUNCTION billing.invoice_total(numeric, numeric) IS 'amount plus fee';

CREATE TRIGGER invoices_touch BEFORE UPDATE OF note ON billing.invoices FOR EACH ROW
  WHEN (OLD.note IS DISTINCT FROM NEW.note) EXECUTE FUNCTION touch();
CREATE CONSTRAINT TRIGGER invoices_checked AFTER INSERT ON billing.invoices DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION audit();
CREATE TRIGGER invoices_audit AFTER UPDATE ON billing.invoices REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION audit();
ALTER TABLE billing.invoices DISABLE TRIGGER invoices_audit;

ALTER TABLE billing.invoices ENABLE ROW LEVEL SECURITY;
CREATE POLICY invoices_open ON billing.invoices FOR SELECT TO cov_reader USING (status <> 'draft');
CREATE POLICY invoices_writer ON billing.invoices AS RESTRICTIVE FOR UPDATE TO cov_writer
  USING (true) WITH CHECK (fee >= 0);

CREATE VIEW billing.open_invoices WITH (security_invoker = true, security_barrier = true) AS
  SELECT id, customer_id, fee FROM billing.invoices WHERE status = 'open'
  WITH LOCAL CHECK OPTION;
CREATE VIEW customer_names AS SELECT id, name FROM billing.customers;
CREATE FUNCTION customer_names_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER customer_names_insert INSTEAD OF INSERT ON customer_names FOR EACH ROW EXECUTE FUNCTION customer_names_insert();
CREATE MATERIALIZED VIEW billing.fees_by_customer WITH (fillfactor = 70) AS
  SELECT customer_id, sum(fee) AS fees FROM billing.invoices GROUP BY customer_id WITH NO DATA;
CREATE UNIQUE INDEX fees_by_customer_idx ON billing.fees_by_customer (customer_id);
COMMENT ON MATERIALIZED VIEW billing.fees_by_customer IS 'refreshed nightly';

GRANT USAGE ON SCHEMA billing TO cov_reader, cov_writer;
GRANT SELECT ON ALL TABLES IN SCHEMA billing TO cov_reader;
GRANT SELECT, INSERT, UPDATE ON billing.invoices TO cov_writer;
GRANT UPDATE (name) ON billing.customers TO cov_writer;
GRANT USAGE ON SEQUENCE billing.invoice_numbers TO cov_writer;
GRANT USAGE ON TYPE billing.status TO cov_writer;
REVOKE EXECUTE ON FUNCTION billing.invoice_total(numeric, numeric) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION billing.invoice_total(numeric, numeric) TO cov_reader WITH GRANT OPTION;
GRANT EXECUTE ON PROCEDURE billing.close_invoices(date) TO cov_writer;
ALTER DEFAULT PRIVILEGES IN SCHEMA billing GRANT SELECT ON TABLES TO cov_reader;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
