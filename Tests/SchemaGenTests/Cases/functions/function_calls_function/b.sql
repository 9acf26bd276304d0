CREATE FUNCTION sq(x numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT x * x $$;
CREATE FUNCTION hyp(a numeric, b numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT sqrt(sq(a) + sq(b)) $$;
