CREATE TABLE orders (id serial PRIMARY KEY, customer text NOT NULL, amount numeric(12,2) NOT NULL, status text NOT NULL DEFAULT 'open');
CREATE VIEW open_orders AS SELECT id, customer, amount FROM orders WHERE status = 'open';
