CREATE TABLE profiles (id int PRIMARY KEY, email text, display_name text, secret text);
GRANT SELECT (id, email) ON profiles TO app_reader;
