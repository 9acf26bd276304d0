CREATE SCHEMA app;
CREATE TYPE app.kind AS ENUM ('a', 'b');
CREATE DOMAIN app.pos AS int CHECK (VALUE > 0);
CREATE SEQUENCE app.seq;
CREATE TABLE app.things (id serial PRIMARY KEY, kind app.kind, n app.pos, CONSTRAINT things_n_check CHECK (n < 100));
CREATE INDEX things_kind_idx ON app.things (kind);
CREATE VIEW app.thing_view AS SELECT id FROM app.things;
CREATE FUNCTION app.f(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$;
