CREATE FUNCTION net(gross numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round(gross / 1.2, 2) $$;
CREATE TABLE invoices (id int PRIMARY KEY, gross numeric(12,2), net_amount numeric GENERATED ALWAYS AS (net(gross)) STORED);
