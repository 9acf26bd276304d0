CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  customer_id integer NOT NULL,
  placed_at timestamptz DEFAULT now()
);
