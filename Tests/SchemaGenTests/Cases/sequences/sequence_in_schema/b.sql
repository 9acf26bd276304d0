CREATE SCHEMA billing;
CREATE SEQUENCE billing.invoice_seq START 500;
CREATE TABLE billing.invoices (
  number bigint PRIMARY KEY DEFAULT nextval('billing.invoice_seq'),
  total numeric(20,8) NOT NULL
);
