CREATE TABLE "x; DROP TABLE y; --" (id int);
