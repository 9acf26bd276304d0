CREATE TABLE documents (id serial PRIMARY KEY, body text, rank int);
