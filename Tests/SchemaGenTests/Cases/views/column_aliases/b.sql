CREATE TABLE orders (id serial PRIMARY KEY, customer text NOT NULL, amount numeric(12,2) NOT NULL, status text NOT NULL DEFAULT 'open');
CREATE VIEW totals (who, spent) AS SELECT customer, sum(amount) FROM orders GROUP BY customer;
