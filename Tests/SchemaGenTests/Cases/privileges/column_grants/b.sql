CREATE TABLE profiles (id int PRIMARY KEY, email text, display_name text, secret text);
GRANT SELECT (id, display_name), UPDATE (display_name) ON profiles TO app_reader;
GRANT INSERT (email) ON profiles TO app_writer;
