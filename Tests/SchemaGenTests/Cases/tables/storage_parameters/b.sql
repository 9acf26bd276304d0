CREATE TABLE hot_rows (id serial PRIMARY KEY, counter int) WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.05);
