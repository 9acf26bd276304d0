CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint NOT NULL, placed_on date NOT NULL, customer bigint,
  PRIMARY KEY (id, placed_on), UNIQUE (customer, id, placed_on),
  CONSTRAINT orders_customer_fkey FOREIGN KEY (customer) REFERENCES customers (id)) PARTITION BY RANGE (placed_on);
CREATE TABLE orders_2025 (id bigint NOT NULL, placed_on date NOT NULL, customer bigint,
  CONSTRAINT orders_2025_own_pk PRIMARY KEY (id, placed_on),
  CONSTRAINT orders_2025_own_fk FOREIGN KEY (customer) REFERENCES customers (id));
ALTER TABLE orders ATTACH PARTITION orders_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE orders_2026 PARTITION OF orders FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
