CREATE TABLE app_users (id int PRIMARY KEY, active boolean NOT NULL DEFAULT true);
CREATE FUNCTION active_user_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM app_users WHERE active $$;
