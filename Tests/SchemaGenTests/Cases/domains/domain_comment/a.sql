CREATE DOMAIN score AS int;
