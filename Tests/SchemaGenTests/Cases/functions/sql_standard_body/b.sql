CREATE TABLE counters (name text PRIMARY KEY, n bigint NOT NULL DEFAULT 0);
CREATE FUNCTION counter_value(which text) RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT n FROM counters WHERE name = which;
END;
