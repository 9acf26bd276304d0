CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL);
