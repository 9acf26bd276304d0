CREATE TABLE base (id int NOT NULL, note text CHECK (note <> ''));
CREATE TABLE child (extra int) INHERITS (base);
