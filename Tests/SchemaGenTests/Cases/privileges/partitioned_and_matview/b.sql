CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE MATERIALIZED VIEW event_counts AS SELECT at, count(*) AS n FROM events GROUP BY at;
GRANT SELECT, INSERT ON events TO app_writer;
GRANT SELECT ON events_2026 TO app_reader;
GRANT SELECT ON event_counts TO app_reader;
