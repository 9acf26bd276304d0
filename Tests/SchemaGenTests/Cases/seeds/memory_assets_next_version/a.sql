-- 001_create_blockchain_tables.sql
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE IF NOT EXISTS schema_migrations (
    id SERIAL PRIMARY KEY,
    version VARCHAR(255) NOT NULL UNIQUE,
    applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE OR REPLACE FUNCTION update_updated_at_column()
RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = NOW();
    RETURN NEW;
END;
$$ language 'plpgsql';

CREATE TABLE memory_batches (
    batch_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_address VARCHAR(64) NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    asset_count INTEGER NOT NULL DEFAULT 0 CHECK (asset_count >= 0),
    merkle_root VARCHAR(64),
    transaction_signature VARCHAR(128),
    total_cost_lamports BIGINT NOT NULL DEFAULT 0,
    error_message TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    completed_at TIMESTAMPTZ
);
COMMENT ON TABLE memory_batches IS 'Batch minting information';
CREATE INDEX idx_memory_batches_owner ON memory_batches(owner_address, created_at DESC);
CREATE INDEX idx_memory_batches_status ON memory_batches(status);
CREATE UNIQUE INDEX idx_memory_batches_signature ON memory_batches(transaction_signature) WHERE transaction_signature IS NOT NULL;

CREATE TABLE memory_assets (
    asset_id VARCHAR(64) PRIMARY KEY,
    owner_address VARCHAR(64) NOT NULL,
    batch_id UUID REFERENCES memory_batches(batch_id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    description TEXT,
    content_type VARCHAR(100),
    arweave_tx_id VARCHAR(64) NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    metadata JSONB NOT NULL DEFAULT '{}'::jsonb,
    tags TEXT[] NOT NULL DEFAULT '{}',
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    is_active BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
COMMENT ON TABLE memory_assets IS 'Indexed memory assets on blockchain';
CREATE INDEX idx_memory_assets_owner ON memory_assets(owner_address, created_at DESC);
CREATE INDEX idx_memory_assets_batch ON memory_assets(batch_id);
CREATE INDEX idx_memory_assets_tags ON memory_assets USING GIN(tags);
CREATE INDEX idx_memory_assets_search ON memory_assets USING GIN(to_tsvector('english', title || ' ' || COALESCE(description, '')));
CREATE TRIGGER update_memory_assets_updated_at BEFORE UPDATE ON memory_assets
    FOR EACH ROW EXECUTE PROCEDURE update_updated_at_column();
ALTER TABLE memory_assets ENABLE ROW LEVEL SECURITY;
CREATE POLICY owner_access ON memory_assets FOR ALL USING (owner_address = current_setting('app.current_user', true));
COMMENT ON POLICY owner_access ON memory_assets IS 'Owners see and change only their own assets';

CREATE TABLE access_grants (
    grant_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    asset_id VARCHAR(64) NOT NULL REFERENCES memory_assets(asset_id) ON DELETE CASCADE,
    grantor_address VARCHAR(64) NOT NULL,
    grantee_address VARCHAR(64) NOT NULL,
    permissions TEXT[] NOT NULL DEFAULT ARRAY['read'],
    max_uses INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
    use_count INTEGER NOT NULL DEFAULT 0,
    expires_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT access_grants_within_uses CHECK (max_uses IS NULL OR use_count <= max_uses)
);
CREATE INDEX idx_access_grants_grantee_active ON access_grants(grantee_address, asset_id) WHERE revoked_at IS NULL;
CREATE INDEX idx_access_grants_asset ON access_grants(asset_id);

CREATE TABLE transfer_history (
    transfer_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    asset_id VARCHAR(64) NOT NULL REFERENCES memory_assets(asset_id) ON DELETE CASCADE,
    from_address VARCHAR(64) NOT NULL,
    to_address VARCHAR(64) NOT NULL,
    transaction_signature VARCHAR(128) NOT NULL UNIQUE,
    transferred_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT transfer_history_distinct_parties CHECK (from_address <> to_address)
);
CREATE INDEX idx_transfer_history_asset ON transfer_history(asset_id, transferred_at DESC);

CREATE TABLE minting_queue (
    queue_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_address VARCHAR(64) NOT NULL,
    payload JSONB NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    priority SMALLINT NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    batch_id UUID REFERENCES memory_batches(batch_id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    completed_at TIMESTAMPTZ
);
CREATE INDEX idx_minting_queue_pending ON minting_queue(priority DESC, created_at) WHERE status = 'pending';
CREATE INDEX idx_minting_queue_completed ON minting_queue(completed_at) WHERE status = 'completed';

CREATE TABLE blockchain_audit_logs (
    log_id BIGSERIAL PRIMARY KEY,
    operation VARCHAR(50) NOT NULL,
    actor_address VARCHAR(64),
    asset_id VARCHAR(64),
    batch_id UUID,
    transaction_signature VARCHAR(128),
    details JSONB NOT NULL DEFAULT '{}',
    ip_address INET,
    timestamp TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_blockchain_audit_logs_timestamp ON blockchain_audit_logs(timestamp DESC);
CREATE INDEX idx_blockchain_audit_logs_actor ON blockchain_audit_logs(actor_address, timestamp DESC);

CREATE TABLE version_history (
    version_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    asset_id VARCHAR(64) NOT NULL REFERENCES memory_assets(asset_id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    arweave_tx_id VARCHAR(64) NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    change_summary TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    UNIQUE (asset_id, version)
);

CREATE TABLE merkle_trees (
    tree_address VARCHAR(64) PRIMARY KEY,
    authority_address VARCHAR(64) NOT NULL,
    max_depth INTEGER NOT NULL CHECK (max_depth BETWEEN 3 AND 30),
    max_buffer_size INTEGER NOT NULL,
    canopy_depth INTEGER NOT NULL DEFAULT 0,
    leaf_count BIGINT NOT NULL DEFAULT 0,
    capacity BIGINT GENERATED ALWAYS AS (1::bigint << max_depth) STORED,
    is_active BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_merkle_trees_active ON merkle_trees(authority_address) WHERE is_active;

CREATE TABLE cost_tracking (
    id BIGSERIAL PRIMARY KEY,
    wallet_address VARCHAR(64) NOT NULL,
    operation VARCHAR(50) NOT NULL,
    batch_id UUID REFERENCES memory_batches(batch_id) ON DELETE SET NULL,
    transaction_fee_lamports BIGINT NOT NULL DEFAULT 0,
    storage_cost_lamports BIGINT NOT NULL DEFAULT 0,
    total_cost_lamports BIGINT GENERATED ALWAYS AS (transaction_fee_lamports + storage_cost_lamports) STORED,
    timestamp TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_cost_tracking_wallet_time ON cost_tracking(wallet_address, timestamp DESC);

CREATE VIEW active_memory_assets WITH (security_invoker = true) AS
SELECT a.asset_id, a.owner_address, a.title, a.arweave_tx_id, a.created_at,
       b.status AS batch_status, b.transaction_signature,
       (SELECT COUNT(*) FROM access_grants g
         WHERE g.asset_id = a.asset_id AND g.revoked_at IS NULL
           AND (g.expires_at IS NULL OR g.expires_at > NOW())) AS active_grant_count
  FROM memory_assets a
  LEFT JOIN memory_batches b ON b.batch_id = a.batch_id
 WHERE a.is_active;

CREATE VIEW batch_statistics AS
SELECT DATE_TRUNC('day', created_at)::date AS date,
       COUNT(*) AS batch_count,
       COUNT(*) FILTER (WHERE status = 'completed') AS completed_count,
       COUNT(*) FILTER (WHERE status = 'failed') AS failed_count,
       SUM(asset_count) AS assets_minted,
       SUM(total_cost_lamports) AS total_cost_lamports
  FROM memory_batches
 GROUP BY 1;

CREATE VIEW user_statistics AS
SELECT a.owner_address, COUNT(*) AS asset_count, COUNT(DISTINCT a.batch_id) AS batch_count,
       MIN(a.created_at) AS first_minted_at, MAX(a.created_at) AS last_minted_at
  FROM memory_assets a
 GROUP BY a.owner_address;
