CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(a, 0) + coalesce(b, 0) $$;
