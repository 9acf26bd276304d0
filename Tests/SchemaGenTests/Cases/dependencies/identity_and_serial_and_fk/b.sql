CREATE TABLE parents (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE TABLE children (id serial PRIMARY KEY, parent_id bigint NOT NULL REFERENCES parents);
