CREATE TABLE base (id int NOT NULL, kind text, amount numeric(20,8), legacy text);
CREATE TABLE child_a (extra int) INHERITS (base);
CREATE TABLE child_b () INHERITS (base);
ALTER TABLE child_b ALTER COLUMN kind SET DEFAULT 'b';
CREATE VIEW all_amounts AS SELECT id, amount FROM child_a;
INSERT INTO child_a (id, kind, amount) VALUES (1, 'a', 2.5);
