CREATE FUNCTION score(n integer) RETURNS integer LANGUAGE sql AS $$ SELECT n * 2 $$;
REVOKE EXECUTE ON FUNCTION score(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION score(integer) TO app_reader;
