CREATE DOMAIN non_empty_text AS text CHECK (VALUE <> '');
CREATE DOMAIN slug AS non_empty_text CHECK (VALUE ~ '^[a-z0-9-]+$');
CREATE TABLE pages (slug slug PRIMARY KEY);
