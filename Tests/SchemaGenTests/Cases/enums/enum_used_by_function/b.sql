CREATE TYPE mood AS ENUM ('happy', 'sad', 'meh');

CREATE FUNCTION is_happy(m mood) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT m = 'happy' $$;
