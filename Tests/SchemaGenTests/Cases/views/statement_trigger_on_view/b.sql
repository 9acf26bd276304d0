CREATE TABLE events (id bigserial PRIMARY KEY, kind text NOT NULL);
CREATE VIEW recent_events AS SELECT id, kind FROM events WHERE id > 100;
CREATE FUNCTION note_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'write on %', TG_TABLE_NAME; RETURN NULL; END $$;
CREATE TRIGGER recent_events_note BEFORE INSERT OR UPDATE OR DELETE ON recent_events FOR EACH STATEMENT EXECUTE FUNCTION note_write();
