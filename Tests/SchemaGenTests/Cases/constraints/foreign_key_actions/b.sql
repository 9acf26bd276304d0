CREATE TABLE authors (id int PRIMARY KEY, name text);
CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors ON DELETE CASCADE ON UPDATE RESTRICT, title text);
