CREATE TABLE base (id bigint NOT NULL, kind text DEFAULT 'plain', amount numeric(78,0), added_at timestamptz);
CREATE TABLE child_a (extra int) INHERITS (base);
CREATE TABLE child_b () INHERITS (base);
ALTER TABLE child_b ALTER COLUMN kind SET DEFAULT 'b';
CREATE VIEW all_amounts AS SELECT id, amount FROM child_a;
