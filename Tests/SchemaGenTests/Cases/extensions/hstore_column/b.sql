CREATE EXTENSION hstore;
CREATE TABLE attrs (id int, kv hstore);
