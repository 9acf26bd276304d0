CREATE TABLE orders (id serial PRIMARY KEY, customer text NOT NULL, amount numeric(12,2) NOT NULL, status text NOT NULL DEFAULT 'open');

CREATE FUNCTION with_tax(a numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round(a * 1.2, 2) $$;
CREATE VIEW priced AS SELECT id, with_tax(amount) AS gross FROM orders;
