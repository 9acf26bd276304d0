CREATE FUNCTION add(a integer, b integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT a::bigint + b $$;
