CREATE TABLE posts (id serial PRIMARY KEY, title text, body text, updated_at timestamptz);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;
CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION touch();
COMMENT ON TRIGGER posts_touch ON posts IS 'keeps updated_at current';
