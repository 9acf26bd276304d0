CREATE TABLE items (id serial PRIMARY KEY, qty int);
CREATE TABLE item_log (at timestamptz DEFAULT now(), op text, tag text);
CREATE FUNCTION log_op() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO item_log (op, tag) VALUES (TG_OP, TG_ARGV[0]);
  RETURN NULL;
END;
$$;
