CREATE TYPE money_amount AS (amount numeric(78,0), currency varchar(3));
CREATE TABLE ledger (id int PRIMARY KEY, value money_amount NOT NULL, note text);
CREATE VIEW ledger_amounts AS SELECT id, (value).amount FROM ledger;
