CREATE SCHEMA staging;
CREATE TABLE public.imports (id int, payload text);
