CREATE TYPE mood AS ENUM ('ecstatic', 'happy', 'sad', 'meh');
CREATE TABLE entries (id int PRIMARY KEY, mood mood NOT NULL DEFAULT 'meh');
