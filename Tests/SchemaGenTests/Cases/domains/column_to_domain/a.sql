CREATE DOMAIN wei AS numeric(78,0) CHECK (VALUE >= 0);
CREATE TABLE t (amount numeric(78,0));
