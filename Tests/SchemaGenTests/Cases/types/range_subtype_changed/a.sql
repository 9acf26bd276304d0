CREATE TYPE span AS RANGE (subtype = integer);
CREATE TABLE slots (id int PRIMARY KEY, during span);
INSERT INTO slots VALUES (1, '[1,5)');
