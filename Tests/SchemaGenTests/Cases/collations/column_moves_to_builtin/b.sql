CREATE TABLE files (id int PRIMARY KEY, name text COLLATE "C");
