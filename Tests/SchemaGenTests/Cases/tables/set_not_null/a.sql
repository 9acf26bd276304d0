CREATE TABLE accounts (id serial PRIMARY KEY, owner text);
