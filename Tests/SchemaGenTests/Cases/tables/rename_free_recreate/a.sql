CREATE TABLE old_name (id serial PRIMARY KEY);
