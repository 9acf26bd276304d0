CREATE TABLE scores (player text, points int);
CREATE FUNCTION top_players(n int) RETURNS SETOF scores LANGUAGE sql STABLE AS $$ SELECT * FROM scores ORDER BY points DESC LIMIT n $$;
CREATE VIEW podium AS SELECT player FROM top_players(3);
