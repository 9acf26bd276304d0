CREATE TABLE a (x int, y int, CONSTRAINT a_x_key UNIQUE (x));
CREATE TABLE b (x int REFERENCES a (x));
