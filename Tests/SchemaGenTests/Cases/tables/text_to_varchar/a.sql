CREATE TABLE tags (id int PRIMARY KEY, label text);
