CREATE TABLE base (id int NOT NULL, b text, a text);
CREATE TABLE child (extra int) INHERITS (base);
INSERT INTO base VALUES (1, 'b', 'a');
INSERT INTO child VALUES (2, 'b', 'a', 3);
