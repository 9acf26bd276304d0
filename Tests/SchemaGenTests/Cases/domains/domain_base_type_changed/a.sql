CREATE DOMAIN code AS varchar(10);
CREATE TABLE things (c code);
