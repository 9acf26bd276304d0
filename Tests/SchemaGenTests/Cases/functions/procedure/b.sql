CREATE TABLE audit (at timestamptz, what text);
CREATE PROCEDURE log_event(what text) LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit VALUES (now(), what);
END;
$$;
