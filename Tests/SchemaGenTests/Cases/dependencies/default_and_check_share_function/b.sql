CREATE FUNCTION today_utc() RETURNS date LANGUAGE sql STABLE AS $$ SELECT (now() AT TIME ZONE 'UTC')::date $$;
CREATE TABLE bookings (id int PRIMARY KEY, day date NOT NULL DEFAULT today_utc(), CHECK (day >= '2020-01-01'));
