CREATE TYPE money_amount AS (currency char(3), amount numeric(20,8));
CREATE TABLE ledger (id int PRIMARY KEY, value money_amount NOT NULL, note text);
CREATE VIEW ledger_amounts AS SELECT id, (value).amount FROM ledger;
INSERT INTO ledger VALUES (1, ROW('EUR', 12.5), NULL);
