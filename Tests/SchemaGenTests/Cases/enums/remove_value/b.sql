CREATE TYPE mood AS ENUM ('happy', 'meh');
CREATE TABLE entries (id int PRIMARY KEY, mood mood NOT NULL DEFAULT 'meh');
