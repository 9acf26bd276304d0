CREATE TABLE orders (id serial PRIMARY KEY, customer text NOT NULL, amount numeric(12,2) NOT NULL, status text NOT NULL DEFAULT 'open');
CREATE VIEW open_orders WITH (security_invoker = on, security_barrier = on) AS SELECT id, amount FROM orders WHERE status = 'open';
