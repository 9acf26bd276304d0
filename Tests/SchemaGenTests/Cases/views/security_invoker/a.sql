CREATE TABLE memory_assets (id uuid PRIMARY KEY, owner_id uuid NOT NULL, title text, archived boolean NOT NULL DEFAULT false);
ALTER TABLE memory_assets ENABLE ROW LEVEL SECURITY;
CREATE POLICY owner_only ON memory_assets USING (owner_id = current_setting('app.user_id')::uuid);
CREATE VIEW active_memory_assets AS SELECT id, owner_id, title FROM memory_assets WHERE NOT archived;
