CREATE TABLE tags (id int PRIMARY KEY, label varchar(64));
