CREATE TABLE t (id int PRIMARY KEY, at timestamptz);
CREATE INDEX t_at ON t (at);
