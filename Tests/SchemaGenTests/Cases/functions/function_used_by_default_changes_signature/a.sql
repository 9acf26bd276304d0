CREATE FUNCTION next_code() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT md5(random()::text) $$;
CREATE TABLE vouchers (code text PRIMARY KEY DEFAULT next_code(), amount int);
