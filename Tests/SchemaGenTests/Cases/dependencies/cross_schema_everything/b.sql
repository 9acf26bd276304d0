CREATE SCHEMA core;
CREATE SCHEMA api;
CREATE TYPE core.role AS ENUM ('reader', 'writer');
CREATE TABLE core.members (id int PRIMARY KEY, role core.role NOT NULL);
CREATE FUNCTION core.can_write(r core.role) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT r = 'writer' $$;
CREATE VIEW api.writers AS SELECT id FROM core.members WHERE core.can_write(role);
