-- A database as a team might have written it by hand.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE TYPE order_state AS ENUM ('new', 'paid', 'shipped', 'cancelled');
CREATE TABLE customers (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email varchar(200) NOT NULL UNIQUE,
    tier varchar(10) NOT NULL DEFAULT 'free' CHECK (tier IN ('free', 'pro')),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    state order_state NOT NULL DEFAULT 'new',
    total numeric(20,8) NOT NULL CHECK (total >= 0),
    notes text
);
CREATE INDEX orders_customer_idx ON orders (customer_id, id DESC);
CREATE INDEX orders_open_idx ON orders (customer_id) WHERE state IN ('new', 'paid');
CREATE VIEW open_orders AS SELECT id, customer_id, total FROM orders WHERE state IN ('new', 'paid');
CREATE VIEW open_order_totals AS SELECT customer_id, sum(total) AS total FROM open_orders GROUP BY customer_id;
CREATE FUNCTION order_count(c uuid) RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM orders WHERE customer_id = c $$;
COMMENT ON TABLE orders IS 'Customer orders';
