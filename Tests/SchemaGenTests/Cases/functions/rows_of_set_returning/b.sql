CREATE FUNCTION evens(n integer) RETURNS SETOF integer LANGUAGE sql STABLE ROWS 50 AS $$ SELECT g FROM generate_series(0, n, 2) g $$;
