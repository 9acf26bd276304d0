CREATE TYPE mood AS ENUM ('happy', 'sad', 'meh');
CREATE TABLE entries (id int PRIMARY KEY, mood mood NOT NULL DEFAULT 'meh');
