CREATE TABLE authors (id serial PRIMARY KEY, name text);
CREATE TABLE books (id serial PRIMARY KEY, author_id int REFERENCES authors ON DELETE SET NULL, title text);
