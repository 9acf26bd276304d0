CREATE TYPE address AS (street text, city text);
CREATE TABLE customers (id int PRIMARY KEY, home address);
INSERT INTO customers VALUES (1, ROW('Main St 1', 'Springfield'));
