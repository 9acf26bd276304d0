CREATE FUNCTION report_day() RETURNS date LANGUAGE sql STABLE SET "TimeZone" TO 'UTC' AS $$ SELECT current_date $$;
