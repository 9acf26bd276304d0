CREATE TABLE events (
  id bigint PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  starts_at timestamptz NOT NULL,
  ends_at timestamptz,
  score int,
  bonus int
);
CREATE INDEX events_score ON events ((score + bonus), kind);
