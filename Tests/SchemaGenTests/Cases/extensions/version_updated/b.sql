CREATE EXTENSION pg_trgm VERSION '1.6';
CREATE TABLE docs (id int PRIMARY KEY, body text);
CREATE INDEX docs_body_trgm ON docs USING gin (body gin_trgm_ops);
