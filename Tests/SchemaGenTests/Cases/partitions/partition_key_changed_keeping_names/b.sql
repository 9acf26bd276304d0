CREATE TABLE metrics (id serial, taken_at timestamptz NOT NULL, region text NOT NULL, value double precision)
  PARTITION BY LIST (lower(region));
CREATE TABLE metrics_eu PARTITION OF metrics FOR VALUES IN ('eu');
CREATE TABLE metrics_us PARTITION OF metrics FOR VALUES IN ('us');
CREATE INDEX metrics_taken_idx ON metrics (taken_at);
