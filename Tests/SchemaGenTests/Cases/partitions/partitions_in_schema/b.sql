CREATE SCHEMA audit;
CREATE TABLE audit.log (at timestamptz NOT NULL, msg text) PARTITION BY RANGE (at);
CREATE TABLE audit.log_2025 PARTITION OF audit.log FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
