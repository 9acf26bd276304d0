CREATE TABLE accounts (id serial PRIMARY KEY, owner text NOT NULL, balance numeric(20,8) NOT NULL DEFAULT 0);
GRANT SELECT, INSERT ON accounts TO app_reader;
GRANT ALL ON TABLE accounts TO app_writer;
GRANT USAGE ON SEQUENCE accounts_id_seq TO app_writer;
