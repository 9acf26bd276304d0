CREATE TABLE nodes (id serial PRIMARY KEY, parent int);
CREATE RECURSIVE VIEW lineage (id, depth) AS SELECT id, 0 FROM nodes WHERE parent IS NULL UNION ALL SELECT n.id, l.depth + 1 FROM nodes n JOIN lineage l ON n.parent = l.id;
