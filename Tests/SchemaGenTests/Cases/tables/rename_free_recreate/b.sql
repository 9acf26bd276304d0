CREATE TABLE new_name (id serial PRIMARY KEY);
