CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE COST 5 AS $$ SELECT a + b $$;
