CREATE TYPE color AS ENUM ('red', 'green');
CREATE TABLE paints (id int, c color);
CREATE VIEW reds AS SELECT id FROM paints WHERE c = 'red';
CREATE MATERIALIZED VIEW red_count AS SELECT count(*) AS n FROM reds;
