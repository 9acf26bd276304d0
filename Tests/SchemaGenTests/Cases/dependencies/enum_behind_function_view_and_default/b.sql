CREATE TYPE tier AS ENUM ('free', 'team');
CREATE TABLE accounts (id serial PRIMARY KEY, tier tier NOT NULL DEFAULT 'free');
CREATE FUNCTION is_paid(t tier) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT t <> 'free' $$;
CREATE VIEW paying AS SELECT id FROM accounts WHERE is_paid(tier);
