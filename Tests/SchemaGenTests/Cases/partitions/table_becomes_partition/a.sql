CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, body text) PARTITION BY RANGE (at);
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE events_2024 (id bigint NOT NULL, at date NOT NULL, body text);
INSERT INTO events_2024 VALUES (1, '2024-05-05', 'old');
