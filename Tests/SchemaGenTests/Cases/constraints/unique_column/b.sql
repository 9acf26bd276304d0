CREATE TABLE accounts (id bigint NOT NULL, email text NOT NULL UNIQUE, balance numeric(20,8) NOT NULL DEFAULT 0);
