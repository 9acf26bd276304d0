CREATE TABLE a (id int, name text);
CREATE TABLE b (id int, a_id int, label text);
CREATE VIEW combined AS SELECT a.id, a.name, b.label FROM a LEFT JOIN b ON b.a_id = a.id UNION ALL SELECT NULL, 'none', 'none';
