CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, balance numeric(20,8) NOT NULL DEFAULT 0);
