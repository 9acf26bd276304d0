CREATE TABLE docs (id serial PRIMARY KEY, body text);
CREATE INDEX docs_fts ON docs USING gin (to_tsvector('english', body));
