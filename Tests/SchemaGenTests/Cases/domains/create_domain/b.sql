CREATE DOMAIN email AS text CHECK (VALUE ~ '^[^@]+@[^@]+$');
CREATE TABLE contacts (id int PRIMARY KEY, address email NOT NULL);
