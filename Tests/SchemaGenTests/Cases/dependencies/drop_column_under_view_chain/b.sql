CREATE TABLE people (id serial PRIMARY KEY, name text);
CREATE VIEW v1 AS SELECT id, name FROM people;
CREATE VIEW v2 AS SELECT name FROM v1;
