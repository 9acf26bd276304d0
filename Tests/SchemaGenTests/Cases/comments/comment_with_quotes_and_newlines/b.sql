CREATE TABLE t (c int);
COMMENT ON COLUMN t.c IS E'line one\nline two, it''s "quoted" \\ backslash';
