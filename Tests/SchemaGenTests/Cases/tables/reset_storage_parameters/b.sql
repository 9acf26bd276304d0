CREATE TABLE hot_rows (id serial PRIMARY KEY, counter int);
