CREATE TABLE accounts (id bigint NOT NULL, email text NOT NULL, balance numeric(20,8) NOT NULL DEFAULT 0);

ALTER TABLE accounts ADD CONSTRAINT accounts_email_balance_key UNIQUE (email, balance);
