CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level1', deterministic = false);
CREATE TABLE tags (id int PRIMARY KEY, label text COLLATE ci);
