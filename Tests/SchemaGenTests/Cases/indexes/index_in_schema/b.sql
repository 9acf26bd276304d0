CREATE SCHEMA app;
CREATE TABLE app.items (id serial PRIMARY KEY, code text);
CREATE INDEX items_code_idx ON app.items (code);
