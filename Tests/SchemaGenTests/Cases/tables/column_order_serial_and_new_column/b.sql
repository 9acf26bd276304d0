CREATE TABLE items (id serial PRIMARY KEY, sku varchar(20), name text, price numeric(20,8) NOT NULL);
