CREATE TABLE ranges (lo int, hi int, CONSTRAINT ranges_ordered CHECK (lo <= hi));
