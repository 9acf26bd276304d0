CREATE SCHEMA extensions;
CREATE EXTENSION citext;
CREATE TABLE users (id int PRIMARY KEY, email citext NOT NULL UNIQUE);
