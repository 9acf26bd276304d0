CREATE SCHEMA shop;
CREATE TYPE shop.order_status AS ENUM ('new', 'paid', 'shipped');
CREATE TABLE shop.orders (id int PRIMARY KEY, status shop.order_status NOT NULL DEFAULT 'new');
