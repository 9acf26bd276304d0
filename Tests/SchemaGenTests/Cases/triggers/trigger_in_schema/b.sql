CREATE SCHEMA app;
CREATE TABLE app.t (id int, updated_at timestamptz);
CREATE FUNCTION app.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END $$;
CREATE TRIGGER t_stamp BEFORE INSERT ON app.t FOR EACH ROW EXECUTE FUNCTION app.stamp();
