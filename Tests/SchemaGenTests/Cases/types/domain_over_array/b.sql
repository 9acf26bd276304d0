CREATE DOMAIN tag_list AS text[] CHECK (cardinality(VALUE) <= 10) CHECK (array_position(VALUE, NULL) IS NULL);
CREATE TABLE posts (id int PRIMARY KEY, tags tag_list NOT NULL DEFAULT '{}');
