CREATE TABLE base (id int NOT NULL, a text, b text);
CREATE TABLE child (extra int) INHERITS (base);
