CREATE SEQUENCE items_id_seq AS integer;
CREATE TABLE items (id integer NOT NULL DEFAULT nextval('items_id_seq'), name text);
