CREATE TABLE events (
  id bigint PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  starts_at timestamptz NOT NULL,
  ends_at timestamptz,
  score int,
  bonus int
);
-- Several expressions in one index, commas inside literals, calls and CASE among them,
-- a column key between two expressions.
CREATE INDEX events_score ON events ((score + coalesce(bonus, 0)) DESC, kind, (lower(kind)));
CREATE INDEX events_lookup ON events ((payload ->> 'a,b'), (substring(kind from 1 for 3)), id,
  (CASE WHEN score > 10 THEN 'high, very' ELSE 'low' END));
CREATE UNIQUE INDEX events_span ON events ((starts_at AT TIME ZONE 'UTC'), (coalesce(ends_at, 'infinity'::timestamptz)))
  WHERE kind IN ('a', 'b, c');
