CREATE TABLE base (id int NOT NULL, note text CHECK (note <> ''));
CREATE TABLE child (id int NOT NULL, extra int);
INSERT INTO child VALUES (1, 2);
