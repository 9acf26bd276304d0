CREATE TABLE accounts (id bigserial PRIMARY KEY, name text NOT NULL);
CREATE TABLE ledger (
  id bigint GENERATED ALWAYS AS IDENTITY,
  account_id bigint NOT NULL REFERENCES accounts (id),
  booked_on date NOT NULL,
  amount numeric(78,0) NOT NULL CHECK (amount <> 0),
  memo text,
  PRIMARY KEY (id, booked_on)
);
CREATE INDEX ledger_account_idx ON ledger (account_id, booked_on DESC);
COMMENT ON TABLE ledger IS 'every movement of money';
CREATE VIEW recent_ledger AS SELECT id, account_id, amount FROM ledger WHERE booked_on > DATE '2025-06-01';
INSERT INTO accounts (name) VALUES ('a'), ('b');
INSERT INTO ledger (account_id, booked_on, amount) VALUES (1, '2025-03-01', 10), (2, '2025-07-01', -4);
