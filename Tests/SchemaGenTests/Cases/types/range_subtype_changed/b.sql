CREATE TYPE span AS RANGE (subtype = numeric);
CREATE TABLE slots (id int PRIMARY KEY, during span);
