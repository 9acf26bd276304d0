CREATE TABLE metrics (id serial, taken_at timestamptz NOT NULL, region text NOT NULL, value double precision)
  PARTITION BY LIST (region);
CREATE TABLE metrics_eu PARTITION OF metrics FOR VALUES IN ('eu');
CREATE TABLE metrics_us PARTITION OF metrics FOR VALUES IN ('us');
CREATE INDEX metrics_taken_idx ON metrics (taken_at);
INSERT INTO metrics (taken_at, region, value) VALUES ('2025-01-01', 'eu', 1), ('2025-01-02', 'us', 2);
