CREATE FUNCTION add_one(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT x + 1 $$;
CREATE FUNCTION add_one(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT x + 1 $$;
CREATE PROCEDURE touch(n int) LANGUAGE plpgsql AS $$ BEGIN PERFORM n; END $$;
