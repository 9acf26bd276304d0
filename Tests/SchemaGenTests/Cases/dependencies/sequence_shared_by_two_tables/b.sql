CREATE SEQUENCE global_ids;
CREATE TABLE invoices (id bigint PRIMARY KEY DEFAULT nextval('global_ids'));
CREATE TABLE receipts (id bigint PRIMARY KEY DEFAULT nextval('global_ids'));
