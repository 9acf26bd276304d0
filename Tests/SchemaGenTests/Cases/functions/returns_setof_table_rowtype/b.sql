CREATE TABLE products (id int PRIMARY KEY, name text, price numeric);
CREATE FUNCTION cheap_products(max_price numeric) RETURNS SETOF products LANGUAGE sql STABLE
  AS $$ SELECT * FROM products WHERE price <= max_price $$;
