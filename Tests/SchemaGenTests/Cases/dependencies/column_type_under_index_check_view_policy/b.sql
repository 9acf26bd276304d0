CREATE TABLE readings (id serial PRIMARY KEY, value numeric(12,3) NOT NULL DEFAULT 0 CHECK (value >= 0));
CREATE INDEX readings_high ON readings (value) WHERE value > 100;
CREATE VIEW high_readings AS SELECT id, value FROM readings WHERE value > 100;
ALTER TABLE readings ENABLE ROW LEVEL SECURITY;
CREATE POLICY positive ON readings USING (value >= 0);
