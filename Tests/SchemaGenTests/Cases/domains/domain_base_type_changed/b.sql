CREATE DOMAIN code AS varchar(40);
CREATE TABLE things (c code);
