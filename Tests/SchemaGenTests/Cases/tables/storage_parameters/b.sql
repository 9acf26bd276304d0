CREATE TABLE hot_rows (id int PRIMARY KEY, counter int) WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.05);
