CREATE TABLE tiny (id smallserial PRIMARY KEY, code text);
