CREATE TABLE docs (id serial PRIMARY KEY, body text);
