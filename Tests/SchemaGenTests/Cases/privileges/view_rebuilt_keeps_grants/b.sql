CREATE TABLE assets (id serial PRIMARY KEY, name text NOT NULL, active boolean NOT NULL DEFAULT true);
CREATE VIEW active_assets AS SELECT name, id FROM assets WHERE active AND name <> '';
GRANT SELECT ON active_assets TO service_role;
GRANT SELECT ON assets TO service_role;
