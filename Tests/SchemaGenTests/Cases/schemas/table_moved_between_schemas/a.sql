CREATE SCHEMA staging;
CREATE TABLE staging.imports (id int, payload text);
