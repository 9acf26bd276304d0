CREATE TABLE events (id bigint PRIMARY KEY, happened_at bigint NOT NULL, flags int);
INSERT INTO events VALUES (1, 1700000000, 1);
