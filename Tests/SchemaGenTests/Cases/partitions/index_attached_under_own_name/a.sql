CREATE TABLE measurements (id bigint NOT NULL, taken_on date NOT NULL, sensor text NOT NULL, value numeric(20,8))
  PARTITION BY RANGE (taken_on);
CREATE TABLE measurements_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE measurements_2026 PARTITION OF measurements FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
