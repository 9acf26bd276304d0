CREATE FUNCTION norm(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(trim(s)) $$;
CREATE TABLE tags (name text);
CREATE UNIQUE INDEX tags_norm ON tags (norm(name));
