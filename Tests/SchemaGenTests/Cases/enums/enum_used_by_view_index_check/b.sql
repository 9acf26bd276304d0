CREATE TYPE mood AS ENUM ('happy', 'sad', 'meh');
CREATE TABLE entries (id int PRIMARY KEY, mood mood NOT NULL DEFAULT 'meh');

CREATE INDEX entries_happy ON entries (id) WHERE mood = 'happy';
ALTER TABLE entries ADD CONSTRAINT entries_not_sad CHECK (mood <> 'sad');
CREATE VIEW cheerful AS SELECT id FROM entries WHERE mood = 'happy';
