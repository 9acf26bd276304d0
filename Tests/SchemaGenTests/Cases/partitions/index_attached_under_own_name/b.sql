CREATE TABLE measurements (id bigint NOT NULL, taken_on date NOT NULL, sensor text NOT NULL, value numeric(20,8))
  PARTITION BY RANGE (taken_on);
CREATE TABLE measurements_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE measurements_2026 PARTITION OF measurements FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
-- The parent's index made ON ONLY, each partition's built on its own and attached, as large
-- tables are indexed without one long lock.
CREATE INDEX measurements_sensor_idx ON ONLY measurements (sensor, taken_on);
CREATE INDEX m2025_sensor ON measurements_2025 (sensor, taken_on);
ALTER INDEX measurements_sensor_idx ATTACH PARTITION m2025_sensor;
CREATE INDEX measurements_2026_sensor_taken_on_idx ON measurements_2026 (sensor, taken_on);
ALTER INDEX measurements_sensor_idx ATTACH PARTITION measurements_2026_sensor_taken_on_idx;
CREATE INDEX measurements_lower_sensor ON measurements (lower(sensor));
