CREATE FUNCTION report_day() RETURNS date LANGUAGE sql STABLE AS $$ SELECT current_date $$;
