CREATE TABLE animals (id serial PRIMARY KEY, name text NOT NULL, born date, CONSTRAINT animals_born_check CHECK (born > DATE '1900-01-01'));
CREATE TABLE dogs (breed text, good boolean DEFAULT true) INHERITS (animals);
ALTER TABLE dogs ALTER COLUMN name SET DEFAULT 'rex';
ALTER TABLE dogs ALTER COLUMN born SET NOT NULL;
CREATE TABLE cats (lives int DEFAULT 9 CHECK (lives <= 9)) INHERITS (animals);
COMMENT ON COLUMN cats.lives IS 'at most nine';
CREATE INDEX dogs_breed_idx ON dogs (breed);
