CREATE TABLE memory_assets (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), owner text NOT NULL, amount numeric(78,0) NOT NULL, note text);
CREATE VIEW active_memory_assets WITH (security_invoker = true) AS SELECT id, owner, amount, note FROM memory_assets;
GRANT SELECT, INSERT, UPDATE, DELETE ON memory_assets TO service_role;
GRANT SELECT ON active_memory_assets TO service_role;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
