CREATE TABLE accounts (id bigserial PRIMARY KEY, name text NOT NULL);
CREATE TABLE ledger (
  id bigint GENERATED ALWAYS AS IDENTITY,
  account_id bigint NOT NULL REFERENCES accounts (id),
  booked_on date NOT NULL,
  amount numeric(78,0) NOT NULL CHECK (amount <> 0),
  memo text,
  PRIMARY KEY (id, booked_on)
) PARTITION BY RANGE (booked_on);
CREATE TABLE ledger_2025 PARTITION OF ledger FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE ledger_rest PARTITION OF ledger DEFAULT;
CREATE INDEX ledger_account_idx ON ledger (account_id, booked_on DESC);
COMMENT ON TABLE ledger IS 'every movement of money';
CREATE VIEW recent_ledger AS SELECT id, account_id, amount FROM ledger WHERE booked_on > DATE '2025-06-01';
