CREATE SCHEMA app;
CREATE TYPE app.kind AS ENUM ('a', 'b');
CREATE DOMAIN app.pos AS int CHECK (VALUE > 0);
CREATE SEQUENCE app.seq;
CREATE TABLE app.things (id serial PRIMARY KEY, kind app.kind, n app.pos, CONSTRAINT things_n_check CHECK (n < 100));
CREATE INDEX things_kind_idx ON app.things (kind);
CREATE VIEW app.thing_view AS SELECT id FROM app.things;
CREATE FUNCTION app.f(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$;

COMMENT ON SCHEMA app IS 'the application';
COMMENT ON TYPE app.kind IS 'kinds';
COMMENT ON DOMAIN app.pos IS 'positive';
COMMENT ON SEQUENCE app.seq IS 'numbers';
COMMENT ON TABLE app.things IS 'things';
COMMENT ON COLUMN app.things.kind IS 'the kind';
COMMENT ON CONSTRAINT things_n_check ON app.things IS 'small';
COMMENT ON INDEX app.things_kind_idx IS 'by kind';
COMMENT ON VIEW app.thing_view IS 'a view';
COMMENT ON FUNCTION app.f(int) IS 'identity';
