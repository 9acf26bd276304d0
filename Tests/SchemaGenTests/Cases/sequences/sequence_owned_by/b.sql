CREATE SEQUENCE item_ids;
CREATE TABLE items (id integer NOT NULL DEFAULT nextval('item_ids'), name text);
ALTER SEQUENCE item_ids OWNED BY items.id;
