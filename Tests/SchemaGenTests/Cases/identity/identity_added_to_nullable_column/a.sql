CREATE TABLE measurements (reading_id int, value double precision);
