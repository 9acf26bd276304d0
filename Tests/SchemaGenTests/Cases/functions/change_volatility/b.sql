CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql STABLE AS $$ SELECT a + b $$;
