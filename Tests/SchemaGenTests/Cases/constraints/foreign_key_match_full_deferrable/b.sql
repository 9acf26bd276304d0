CREATE TABLE authors (id int PRIMARY KEY, name text);
CREATE TABLE books (id int PRIMARY KEY, author_id int, title text,
  CONSTRAINT books_author_fk FOREIGN KEY (author_id) REFERENCES authors (id) MATCH FULL DEFERRABLE INITIALLY DEFERRED);
