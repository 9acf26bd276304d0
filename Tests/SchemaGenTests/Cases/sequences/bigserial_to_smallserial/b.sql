CREATE TABLE orders (id smallserial PRIMARY KEY);
