CREATE FUNCTION report_day() RETURNS date LANGUAGE sql STABLE SET "TimeZone" TO 'UTC' SET work_mem = '64MB'
  AS $$ SELECT current_date $$;
