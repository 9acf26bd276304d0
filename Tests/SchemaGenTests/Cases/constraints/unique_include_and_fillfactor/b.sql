CREATE TABLE items (sku text, name text, price numeric,
  CONSTRAINT items_sku_key UNIQUE (sku) INCLUDE (name) WITH (fillfactor = 80));
