CREATE TABLE prices (id serial PRIMARY KEY, amount integer);
CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER prices_check BEFORE UPDATE OF amount ON prices FOR EACH ROW WHEN (NEW.amount > 0) EXECUTE FUNCTION noop();
