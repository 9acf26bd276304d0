CREATE TABLE readings (id int PRIMARY KEY, value bigint NOT NULL);
CREATE VIEW big_readings AS SELECT id, value FROM readings WHERE value > 100;
CREATE MATERIALIZED VIEW reading_totals AS SELECT sum(value) AS total FROM readings;
GRANT SELECT ON big_readings, reading_totals TO app_reader;
GRANT SELECT (value), UPDATE (value) ON readings TO app_writer;
