CREATE TABLE accounts (id serial PRIMARY KEY, owner text NOT NULL, balance numeric(20,8) NOT NULL DEFAULT 0);
