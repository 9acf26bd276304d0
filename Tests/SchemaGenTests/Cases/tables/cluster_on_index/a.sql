CREATE TABLE t (id serial PRIMARY KEY, at timestamptz);
CREATE INDEX t_at ON t (at);
