CREATE TABLE jobs (id serial PRIMARY KEY, name text);
