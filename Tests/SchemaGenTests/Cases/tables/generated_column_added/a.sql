CREATE TABLE line_items (id serial PRIMARY KEY, price numeric(12,2) NOT NULL, qty int NOT NULL);
