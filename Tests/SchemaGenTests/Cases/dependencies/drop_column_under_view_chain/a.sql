CREATE TABLE people (id serial PRIMARY KEY, name text, nickname text);
CREATE VIEW v1 AS SELECT id, name, nickname FROM people;
CREATE VIEW v2 AS SELECT name, nickname FROM v1;
