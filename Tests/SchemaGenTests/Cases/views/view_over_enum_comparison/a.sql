CREATE TYPE state AS ENUM ('a', 'b', 'c');
CREATE TABLE s (id int, st state);
CREATE VIEW only_a AS SELECT id FROM s WHERE st = 'a';
