CREATE TABLE t (c int);
