CREATE TABLE ledger (id bigint PRIMARY KEY, amount numeric(10,2) NOT NULL);
