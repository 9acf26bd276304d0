CREATE TABLE nodes (id serial PRIMARY KEY, parent int);
