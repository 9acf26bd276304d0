CREATE TABLE items (sku text, name text, price numeric);
