CREATE TABLE nodes (id int PRIMARY KEY, parent int);
