CREATE TABLE orders (id bigint NOT NULL, placed_on date NOT NULL, customer bigint) PARTITION BY RANGE (placed_on);
CREATE TABLE customers (id bigint PRIMARY KEY);
