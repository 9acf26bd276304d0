CREATE TABLE orders (id serial PRIMARY KEY, status varchar(20) NOT NULL CHECK (status IN ('pending', 'paid', 'shipped')));
