CREATE TABLE orders (id serial PRIMARY KEY, customer text NOT NULL, amount numeric(12,2) NOT NULL);
CREATE VIEW customers AS SELECT DISTINCT customer FROM orders;
