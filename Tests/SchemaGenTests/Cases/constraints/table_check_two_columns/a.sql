CREATE TABLE ranges (lo int, hi int);
