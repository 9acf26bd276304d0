CREATE TABLE ledger (id bigserial PRIMARY KEY, amount numeric(78,0) NOT NULL);
GRANT SELECT ON ledger TO app_reader;
GRANT SELECT, UPDATE ON ledger TO app_writer WITH GRANT OPTION;
