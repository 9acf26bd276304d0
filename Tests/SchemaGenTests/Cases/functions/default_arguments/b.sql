CREATE FUNCTION greet(name text, greeting text DEFAULT 'Hello', punct text DEFAULT '!') RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT greeting || ', ' || name || punct $$;
