CREATE TABLE authors (id serial PRIMARY KEY, name text);
CREATE TABLE books (id serial PRIMARY KEY, author_id int, title text,
  CONSTRAINT books_author_fk FOREIGN KEY (author_id) REFERENCES authors (id) MATCH FULL DEFERRABLE INITIALLY DEFERRED);
