CREATE SCHEMA billing;
CREATE TYPE billing.line AS (sku text COLLATE "C", qty int, "Unit Price" numeric(20,8));
CREATE TABLE billing.invoices (id int PRIMARY KEY, lines billing.line[] NOT NULL DEFAULT '{}');
