CREATE TYPE mood AS ENUM ('happy', 'sad', 'meh');
CREATE TABLE entries (id int PRIMARY KEY, mood mood NOT NULL DEFAULT 'meh');

CREATE INDEX entries_happy ON entries (id) WHERE mood = 'happy';
CREATE VIEW cheerful AS SELECT id, mood FROM entries WHERE mood <> 'sad';
