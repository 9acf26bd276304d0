CREATE TABLE documents (id int PRIMARY KEY, body text, rank int);
