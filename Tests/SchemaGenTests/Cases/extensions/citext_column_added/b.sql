CREATE EXTENSION citext;
CREATE TABLE users (id int, email citext UNIQUE);
