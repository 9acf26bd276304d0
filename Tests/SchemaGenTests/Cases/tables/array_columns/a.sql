CREATE TABLE posts (id serial PRIMARY KEY, tags text[]);
