CREATE TABLE orders (id serial PRIMARY KEY, customer text NOT NULL, amount numeric(12,2) NOT NULL, status text NOT NULL DEFAULT 'open');

CREATE VIEW ranked AS
WITH per_customer AS (SELECT customer, sum(amount) AS total FROM orders GROUP BY customer)
SELECT customer, total, rank() OVER (ORDER BY total DESC) AS position FROM per_customer;
