CREATE TABLE accounts (id bigint NOT NULL, email text NOT NULL, balance numeric(20,8) NOT NULL DEFAULT 0);
