CREATE FUNCTION score(n integer) RETURNS bigint LANGUAGE sql AS $$ SELECT n * 2::bigint $$;
REVOKE EXECUTE ON FUNCTION score(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION score(integer) TO app_reader;
