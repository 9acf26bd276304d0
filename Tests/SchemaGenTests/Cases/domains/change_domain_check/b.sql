CREATE DOMAIN wei AS numeric(78,0) CONSTRAINT wei_range CHECK (VALUE >= 0 AND VALUE < 10::numeric ^ 78);
CREATE TABLE balances (owner text PRIMARY KEY, amount wei NOT NULL);
