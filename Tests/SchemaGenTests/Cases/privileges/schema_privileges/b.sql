CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id int PRIMARY KEY);
GRANT USAGE ON SCHEMA billing TO app_reader;
GRANT USAGE, CREATE ON SCHEMA billing TO app_writer;
GRANT SELECT ON ALL TABLES IN SCHEMA billing TO app_reader;
REVOKE USAGE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO app_reader;
