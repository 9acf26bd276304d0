CREATE TYPE mood AS ENUM ('happy', 'content', 'sad', 'meh');
CREATE TABLE entries (id int PRIMARY KEY, mood mood NOT NULL DEFAULT 'meh');
