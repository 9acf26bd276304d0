CREATE TABLE ledger (id bigserial PRIMARY KEY, amount numeric(78,0) NOT NULL);
GRANT SELECT ON ledger TO app_reader WITH GRANT OPTION;
GRANT SELECT ON ledger TO app_writer WITH GRANT OPTION;
GRANT UPDATE ON ledger TO app_writer;
