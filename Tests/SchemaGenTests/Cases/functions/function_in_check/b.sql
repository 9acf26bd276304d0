CREATE FUNCTION valid_iban(s text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s ~ '^[A-Z]{2}[0-9]{2}' $$;
CREATE TABLE payees (id int PRIMARY KEY, iban text CHECK (valid_iban(iban)));
