CREATE TABLE t$1 (a$b int, c int);
