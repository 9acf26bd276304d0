CREATE TABLE hot_rows (id int PRIMARY KEY, counter int);
