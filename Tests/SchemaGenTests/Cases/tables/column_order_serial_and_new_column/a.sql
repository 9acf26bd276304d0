CREATE TABLE items (id serial PRIMARY KEY, price numeric(20,8) NOT NULL, name text);
INSERT INTO items (price, name) VALUES (1.5, 'x');
