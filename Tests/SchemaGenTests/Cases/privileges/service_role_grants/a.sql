CREATE TABLE memory_assets (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), owner text NOT NULL, amount numeric(78,0) NOT NULL);
CREATE VIEW active_memory_assets WITH (security_invoker = true) AS SELECT id, owner, amount FROM memory_assets;
