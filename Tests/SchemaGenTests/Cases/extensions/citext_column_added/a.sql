CREATE EXTENSION citext;
CREATE TABLE users (id int);
