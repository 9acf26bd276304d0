CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price numeric(20,8) NOT NULL);
CREATE VIEW item_prices AS SELECT id, price, name FROM items;
CREATE FUNCTION item_prices_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN UPDATE items SET name = NEW.name, price = NEW.price WHERE id = OLD.id; RETURN NEW; END $$;
CREATE TRIGGER item_prices_update INSTEAD OF UPDATE ON item_prices FOR EACH ROW EXECUTE FUNCTION item_prices_update();
