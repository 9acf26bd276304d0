CREATE SCHEMA legacy;
CREATE TABLE legacy.old_orders (id int);
CREATE VIEW legacy.recent AS SELECT * FROM legacy.old_orders;
CREATE TABLE keep (id int);
