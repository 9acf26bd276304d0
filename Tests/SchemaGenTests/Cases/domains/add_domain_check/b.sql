CREATE DOMAIN wei AS numeric(78,0) CONSTRAINT wei_range CHECK (VALUE >= 0);
CREATE TABLE balances (owner text PRIMARY KEY, amount wei NOT NULL);
ALTER DOMAIN wei ADD CONSTRAINT wei_not_huge CHECK (VALUE < 1e30);
