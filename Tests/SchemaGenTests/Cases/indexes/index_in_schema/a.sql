CREATE SCHEMA app;
CREATE TABLE app.items (id serial PRIMARY KEY, code text);
