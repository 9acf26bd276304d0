CREATE TYPE mood AS ENUM ('meh', 'sad', 'happy');
CREATE TABLE entries (id int PRIMARY KEY, mood mood NOT NULL DEFAULT 'meh');
