CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
COMMENT ON COLLATION case_insensitive IS 'compares without case';
CREATE COLLATION byte_order (provider = libc, locale = 'C');
CREATE COLLATION mixed_locale (provider = libc, lc_collate = 'C', lc_ctype = 'C.UTF-8');
CREATE TABLE users (id int PRIMARY KEY, email text COLLATE case_insensitive NOT NULL UNIQUE, name text COLLATE byte_order);
CREATE INDEX users_name_mixed ON users (name COLLATE mixed_locale);
CREATE DOMAIN handle AS text COLLATE byte_order;
