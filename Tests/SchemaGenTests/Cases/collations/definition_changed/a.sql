CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE tags (id int PRIMARY KEY, label text COLLATE ci);
INSERT INTO tags VALUES (1, 'Rust');
