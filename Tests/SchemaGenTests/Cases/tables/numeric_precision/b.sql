CREATE TABLE ledger (id bigint PRIMARY KEY, amount numeric(20,8) NOT NULL);
