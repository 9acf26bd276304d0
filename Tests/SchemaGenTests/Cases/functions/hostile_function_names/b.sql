CREATE FUNCTION "evil""func"() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
CREATE FUNCTION "x""; DROP TABLE foo; --"(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$;
