CREATE TABLE old_stuff (id int PRIMARY KEY, v text);
GRANT SELECT ON old_stuff TO app_reader;
CREATE FUNCTION old_fn() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
REVOKE EXECUTE ON FUNCTION old_fn() FROM PUBLIC;
CREATE SCHEMA gone;
GRANT USAGE ON SCHEMA gone TO app_reader;
CREATE TABLE kept (id int PRIMARY KEY, dropped_col text);
GRANT SELECT (dropped_col) ON kept TO app_reader;
