CREATE TABLE orders (id serial PRIMARY KEY, customer text NOT NULL, amount numeric(12,2) NOT NULL, status text NOT NULL DEFAULT 'open');

CREATE FUNCTION with_tax(a numeric, rate numeric DEFAULT 1.2) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round(a * rate, 2) $$;
CREATE VIEW priced AS SELECT id, with_tax(amount) AS gross FROM orders;
