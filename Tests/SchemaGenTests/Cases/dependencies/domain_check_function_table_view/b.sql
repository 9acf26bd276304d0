CREATE FUNCTION is_hex(s text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s ~ '^0x[0-9a-f]+$' $$;
CREATE DOMAIN address AS varchar(42) CHECK (is_hex(VALUE));
CREATE TABLE wallets (addr address PRIMARY KEY, label text);
CREATE VIEW labelled_wallets AS SELECT addr, label FROM wallets WHERE label IS NOT NULL;
