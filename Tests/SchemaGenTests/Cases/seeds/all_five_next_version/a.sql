CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE SCHEMA minegnk;
SET search_path TO minegnk, public;

-- MineGNK: TypeORM migrations (1700000000000-InitialSchema), written by hand

CREATE TABLE "migrations" (
    "id" SERIAL NOT NULL,
    "timestamp" bigint NOT NULL,
    "name" character varying NOT NULL,
    CONSTRAINT "PK_8c82d7f526340ab734260ea46be" PRIMARY KEY ("id")
);

CREATE OR REPLACE FUNCTION update_updated_at_column()
RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TABLE users (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    email VARCHAR(255) NOT NULL UNIQUE,
    password_hash VARCHAR(255) NOT NULL,
    name VARCHAR(100),
    role VARCHAR(20) NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    is_active BOOLEAN NOT NULL DEFAULT true,
    telegram VARCHAR(100),
    discord VARCHAR(100),
    currency_preference VARCHAR(10) DEFAULT 'USD',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
COMMENT ON COLUMN users.telegram IS 'Telegram username';
COMMENT ON COLUMN users.discord IS 'Discord username';
COMMENT ON COLUMN users.currency_preference IS 'Preferred currency';
CREATE INDEX idx_users_role ON users(role);
CREATE INDEX idx_users_is_active ON users(is_active) WHERE is_active = true;
CREATE TRIGGER trg_users_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE TABLE nodes (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    identifier VARCHAR(255) NOT NULL UNIQUE,
    identifier_type VARCHAR(50) NOT NULL,
    display_name VARCHAR(100),
    gpu_type VARCHAR(50),
    region VARCHAR(100),
    gcore_instance_id VARCHAR(255),
    created_at TIMESTAMPTZ DEFAULT now(),
    CONSTRAINT chk_identifier_type CHECK (identifier_type IN ('wallet', 'node_id', 'operator', 'validator'))
);
COMMENT ON TABLE nodes IS 'Canonical node reference data, separate from user assignments';
CREATE INDEX idx_nodes_identifier ON nodes(identifier);
CREATE INDEX idx_nodes_gpu_type ON nodes(gpu_type);

CREATE TABLE user_nodes (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    node_id UUID REFERENCES nodes(id) ON DELETE SET NULL,
    node_identifier VARCHAR(255) NOT NULL,
    label VARCHAR(100),
    gpu_type VARCHAR(50),
    is_active BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (user_id, node_identifier)
);
CREATE INDEX idx_user_nodes_user_id ON user_nodes(user_id);
CREATE INDEX idx_user_nodes_active ON user_nodes(user_id) WHERE is_active = true;

CREATE TABLE node_requests (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status VARCHAR(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'completed')),
    gpu_type VARCHAR(50) NOT NULL,
    gpu_count INTEGER NOT NULL DEFAULT 1 CHECK (gpu_count > 0),
    region VARCHAR(100),
    message TEXT,
    admin_notes TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_requests_user_id ON node_requests(user_id);
CREATE INDEX idx_requests_status ON node_requests(status);
CREATE INDEX idx_requests_created_at ON node_requests(created_at DESC);
CREATE TRIGGER trg_node_requests_updated_at BEFORE UPDATE ON node_requests
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE TABLE node_stats_cache (
    node_id UUID PRIMARY KEY REFERENCES nodes(id) ON DELETE CASCADE,
    status VARCHAR(50),
    earnings_day DECIMAL(20,8),
    earnings_total DECIMAL(20,8),
    uptime_percent DECIMAL(5,2),
    tokens_per_sec DECIMAL(10,2),
    jobs_day INTEGER,
    active_model VARCHAR(255),
    voting_weight DECIMAL(20,8),
    source VARCHAR(50),
    fetched_at TIMESTAMPTZ DEFAULT now()
);
COMMENT ON TABLE node_stats_cache IS 'Cached Gonka tracker data (1-5 min TTL)';
CREATE INDEX idx_node_stats_fetched ON node_stats_cache(fetched_at);
CREATE INDEX idx_node_stats_status ON node_stats_cache(status);

CREATE TABLE earnings_history (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    node_id UUID REFERENCES nodes(id) ON DELETE CASCADE,
    date DATE NOT NULL,
    earnings_gnk DECIMAL(20,8) NOT NULL,
    source VARCHAR(50),
    created_at TIMESTAMPTZ DEFAULT now(),
    UNIQUE(node_id, date)
);
COMMENT ON TABLE earnings_history IS 'Daily earnings per node, for trend charts and verification';
CREATE INDEX idx_earnings_node_date ON earnings_history(node_id, date DESC);
CREATE INDEX idx_earnings_date ON earnings_history(date);

RESET search_path;
CREATE SCHEMA memory_assets;
SET search_path TO memory_assets, public;

-- 001_create_blockchain_tables.sql

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

RESET search_path;
CREATE SCHEMA ainp;
SET search_path TO ainp, public;

-- AINP: 001_initial.sql, 002_trust_scores.sql, 005_negotiations.sql, 006_usefulness.sql, 009_credits.sql

CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

CREATE TABLE agents (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    did TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    public_key TEXT NOT NULL,
    endpoint TEXT,
    capabilities JSONB NOT NULL DEFAULT '[]',
    tags TEXT[] NOT NULL DEFAULT '{}',
    version VARCHAR(32),
    registered_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    last_seen_at TIMESTAMPTZ,
    trust_score NUMERIC(5,4) NOT NULL DEFAULT 0.5 CHECK (trust_score >= 0 AND trust_score <= 1),
    usefulness_score_cached NUMERIC DEFAULT 0,
    usefulness_last_updated TIMESTAMPTZ
);
COMMENT ON TABLE agents IS 'Registered agents';
COMMENT ON COLUMN agents.usefulness_score_cached IS '30-day rolling average usefulness score';
CREATE INDEX idx_agents_capabilities ON agents USING GIN (capabilities);
CREATE INDEX idx_agents_usefulness ON agents (usefulness_score_cached DESC, trust_score DESC);

CREATE TABLE trust_scores (
    agent_did TEXT PRIMARY KEY REFERENCES agents(did) ON DELETE CASCADE,
    reliability NUMERIC(5,4) NOT NULL DEFAULT 0.5,
    honesty NUMERIC(5,4) NOT NULL DEFAULT 0.5,
    competence NUMERIC(5,4) NOT NULL DEFAULT 0.5,
    timeliness NUMERIC(5,4) NOT NULL DEFAULT 0.5,
    interaction_count INTEGER NOT NULL DEFAULT 0,
    decay_rate NUMERIC(5,4) NOT NULL DEFAULT 0.977,
    last_updated TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT trust_scores_dimensions_range CHECK (
        reliability BETWEEN 0 AND 1 AND honesty BETWEEN 0 AND 1 AND
        competence BETWEEN 0 AND 1 AND timeliness BETWEEN 0 AND 1)
);

CREATE TABLE negotiations (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    intent_id UUID NOT NULL,
    initiator_did TEXT NOT NULL,
    responder_did TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'initiated'
        CHECK (state IN ('initiated', 'proposed', 'counter_proposed', 'accepted', 'rejected', 'expired')),
    rounds JSONB NOT NULL DEFAULT '[]'::jsonb,
    convergence_score NUMERIC DEFAULT 0 CHECK (convergence_score >= 0 AND convergence_score <= 1),
    current_proposal JSONB,
    final_proposal JSONB,
    incentive_split JSONB NOT NULL DEFAULT '{"agent": 0.70, "broker": 0.10, "validator": 0.10, "pool": 0.10}'::jsonb,
    max_rounds INTEGER NOT NULL DEFAULT 10 CHECK (max_rounds >= 1 AND max_rounds <= 20),
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    expires_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT negotiation_participants_different CHECK (initiator_did <> responder_did)
);
CREATE INDEX idx_negotiations_intent ON negotiations(intent_id);
CREATE INDEX idx_negotiations_initiator ON negotiations(initiator_did, created_at DESC);
CREATE INDEX idx_negotiations_responder ON negotiations(responder_did, created_at DESC);
CREATE INDEX idx_negotiations_state ON negotiations(state);
CREATE INDEX idx_negotiations_expires ON negotiations(expires_at) WHERE state NOT IN ('accepted', 'rejected', 'expired');

CREATE OR REPLACE FUNCTION update_negotiations_timestamp() RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = NOW();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
COMMENT ON FUNCTION update_negotiations_timestamp() IS 'Keeps negotiations.updated_at current';

CREATE TRIGGER negotiations_updated_at BEFORE UPDATE ON negotiations
    FOR EACH ROW EXECUTE FUNCTION update_negotiations_timestamp();

CREATE OR REPLACE FUNCTION expire_stale_negotiations() RETURNS INTEGER AS $$
DECLARE
    expired_count INTEGER;
BEGIN
    UPDATE negotiations SET state = 'expired'
     WHERE expires_at < NOW() AND state NOT IN ('accepted', 'rejected', 'expired');
    GET DIAGNOSTICS expired_count = ROW_COUNT;
    RETURN expired_count;
END;
$$ LANGUAGE plpgsql;

CREATE TABLE usefulness_proofs (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    intent_id UUID NOT NULL,
    agent_did TEXT NOT NULL REFERENCES agents(did) ON DELETE CASCADE,
    work_type TEXT NOT NULL CHECK (work_type IN ('compute', 'memory', 'routing', 'validation', 'learning')),
    metrics JSONB NOT NULL,
    attestations TEXT[],
    trace_id TEXT NOT NULL,
    usefulness_score NUMERIC NOT NULL CHECK (usefulness_score >= 0 AND usefulness_score <= 100),
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_usefulness_agent ON usefulness_proofs(agent_did, created_at DESC);
CREATE INDEX idx_usefulness_intent ON usefulness_proofs(intent_id);
CREATE INDEX idx_usefulness_metrics ON usefulness_proofs USING GIN (metrics);

CREATE TABLE credit_accounts (
    agent_did TEXT PRIMARY KEY REFERENCES agents(did) ON DELETE CASCADE,
    balance BIGINT NOT NULL DEFAULT 0 CHECK (balance >= 0),
    reserved BIGINT NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    earned BIGINT NOT NULL DEFAULT 0,
    spent BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT credit_accounts_reserved_within_balance CHECK (reserved <= balance)
);

CREATE TABLE credit_transactions (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_did TEXT NOT NULL REFERENCES credit_accounts(agent_did) ON DELETE CASCADE,
    tx_type TEXT NOT NULL CHECK (tx_type IN ('deposit', 'earn', 'reserve', 'release', 'spend')),
    amount BIGINT NOT NULL CHECK (amount > 0),
    balance_after BIGINT NOT NULL,
    intent_id UUID,
    usefulness_proof_id UUID REFERENCES usefulness_proofs(id) ON DELETE SET NULL,
    description TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_credit_tx_agent ON credit_transactions(agent_did, created_at DESC);
CREATE INDEX idx_credit_tx_intent ON credit_transactions(intent_id) WHERE intent_id IS NOT NULL;

RESET search_path;
CREATE SCHEMA erc8004;
SET search_path TO erc8004, public;

-- api.8004.dev: sqlx migrations 20250101000001_users.sql … 20250101000012_agent_mcp_tokens.sql
CREATE TABLE IF NOT EXISTS _sqlx_migrations (
    version BIGINT PRIMARY KEY,
    description TEXT NOT NULL,
    installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),
    success BOOLEAN NOT NULL,
    checksum BYTEA NOT NULL,
    execution_time BIGINT NOT NULL
);

CREATE OR REPLACE FUNCTION update_updated_at_column()
RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
COMMENT ON FUNCTION update_updated_at_column() IS 'Sets updated_at on every UPDATE';

CREATE TABLE users (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    username VARCHAR(50) NOT NULL UNIQUE,
    email VARCHAR(255) NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    api_key_hash TEXT,
    is_active BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
COMMENT ON TABLE users IS 'User accounts for API authentication';
CREATE INDEX idx_users_email_lower ON users (LOWER(email));
CREATE UNIQUE INDEX idx_users_api_key_hash ON users(api_key_hash) WHERE api_key_hash IS NOT NULL;
CREATE TRIGGER update_users_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE TABLE triggers (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name VARCHAR(255) NOT NULL,
    description TEXT,
    chain_id INTEGER NOT NULL,
    registry VARCHAR(50) NOT NULL CHECK (registry IN ('identity', 'reputation', 'validation')),
    enabled BOOLEAN NOT NULL DEFAULT true,
    is_stateful BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_triggers_user_id ON triggers(user_id);
CREATE INDEX idx_triggers_registry_chain ON triggers(registry, chain_id) WHERE enabled = true;
CREATE TRIGGER update_triggers_updated_at BEFORE UPDATE ON triggers FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE TABLE trigger_conditions (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    trigger_id UUID NOT NULL REFERENCES triggers(id) ON DELETE CASCADE,
    condition_type VARCHAR(100) NOT NULL,
    field VARCHAR(255) NOT NULL,
    operator VARCHAR(20) NOT NULL CHECK (operator IN ('=', '!=', '>', '>=', '<', '<=', 'contains', 'in')),
    value TEXT NOT NULL,
    config JSONB,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_trigger_conditions_trigger_id ON trigger_conditions(trigger_id);

CREATE TABLE trigger_actions (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    trigger_id UUID NOT NULL REFERENCES triggers(id) ON DELETE CASCADE,
    action_type VARCHAR(50) NOT NULL CHECK (action_type IN ('telegram', 'rest', 'mcp')),
    priority INTEGER NOT NULL DEFAULT 0,
    config JSONB NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_trigger_actions_trigger_id ON trigger_actions(trigger_id, priority);

CREATE TABLE trigger_state (
    trigger_id UUID PRIMARY KEY REFERENCES triggers(id) ON DELETE CASCADE,
    state_data JSONB NOT NULL DEFAULT '{}',
    last_updated TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

CREATE TABLE events (
    id UUID NOT NULL DEFAULT gen_random_uuid(),
    chain_id INTEGER NOT NULL,
    block_number BIGINT NOT NULL,
    block_hash VARCHAR(66) NOT NULL,
    transaction_hash VARCHAR(66) NOT NULL,
    log_index INTEGER NOT NULL,
    registry VARCHAR(50) NOT NULL,
    event_type VARCHAR(100) NOT NULL,
    agent_id TEXT,
    event_data JSONB NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    PRIMARY KEY (id, created_at),
    UNIQUE (chain_id, transaction_hash, log_index, created_at)
) PARTITION BY RANGE (created_at);
CREATE TABLE events_2025_01 PARTITION OF events FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2025-02-01 00:00:00+00');
CREATE TABLE events_2025_02 PARTITION OF events FOR VALUES FROM ('2025-02-01 00:00:00+00') TO ('2025-03-01 00:00:00+00');
CREATE TABLE events_2025_03 PARTITION OF events FOR VALUES FROM ('2025-03-01 00:00:00+00') TO ('2025-04-01 00:00:00+00');
CREATE TABLE events_2025_04 PARTITION OF events FOR VALUES FROM ('2025-04-01 00:00:00+00') TO ('2025-05-01 00:00:00+00');
CREATE TABLE events_2025_05 PARTITION OF events FOR VALUES FROM ('2025-05-01 00:00:00+00') TO ('2025-06-01 00:00:00+00');
CREATE TABLE events_2025_06 PARTITION OF events FOR VALUES FROM ('2025-06-01 00:00:00+00') TO ('2025-07-01 00:00:00+00');
CREATE TABLE events_2025_07 PARTITION OF events FOR VALUES FROM ('2025-07-01 00:00:00+00') TO ('2025-08-01 00:00:00+00');
CREATE TABLE events_2025_08 PARTITION OF events FOR VALUES FROM ('2025-08-01 00:00:00+00') TO ('2025-09-01 00:00:00+00');
CREATE TABLE events_2025_09 PARTITION OF events FOR VALUES FROM ('2025-09-01 00:00:00+00') TO ('2025-10-01 00:00:00+00');
CREATE TABLE events_2025_10 PARTITION OF events FOR VALUES FROM ('2025-10-01 00:00:00+00') TO ('2025-11-01 00:00:00+00');
CREATE TABLE events_2025_11 PARTITION OF events FOR VALUES FROM ('2025-11-01 00:00:00+00') TO ('2025-12-01 00:00:00+00');
CREATE TABLE events_2025_12 PARTITION OF events FOR VALUES FROM ('2025-12-01 00:00:00+00') TO ('2026-01-01 00:00:00+00');
CREATE TABLE events_default PARTITION OF events DEFAULT;
CREATE INDEX idx_events_registry_type ON events(registry, event_type, created_at DESC);
CREATE INDEX idx_events_agent ON events(agent_id, created_at DESC) WHERE agent_id IS NOT NULL;
CREATE INDEX idx_events_block ON events(chain_id, block_number DESC);
CREATE INDEX idx_events_data ON events USING GIN (event_data);

CREATE OR REPLACE FUNCTION notify_new_event() RETURNS TRIGGER AS $$
BEGIN
    PERFORM pg_notify('new_event', json_build_object(
        'id', NEW.id, 'chain_id', NEW.chain_id, 'registry', NEW.registry,
        'event_type', NEW.event_type, 'block_number', NEW.block_number)::text);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER notify_new_event_trigger AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION notify_new_event();

CREATE TABLE checkpoints (
    chain_id INTEGER PRIMARY KEY,
    last_block_number BIGINT NOT NULL CHECK (last_block_number >= 0),
    last_block_hash VARCHAR(66),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE TRIGGER update_checkpoints_updated_at BEFORE UPDATE ON checkpoints FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE TABLE action_results (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    trigger_id UUID NOT NULL REFERENCES triggers(id) ON DELETE CASCADE,
    event_id UUID NOT NULL,
    action_type VARCHAR(50) NOT NULL,
    status VARCHAR(20) NOT NULL CHECK (status IN ('success', 'failed', 'retrying')),
    response_data JSONB,
    error_message TEXT,
    duration_ms INTEGER CHECK (duration_ms >= 0),
    retry_count INTEGER NOT NULL DEFAULT 0,
    executed_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_action_results_trigger ON action_results(trigger_id, executed_at DESC);
CREATE INDEX idx_action_results_failed ON action_results(executed_at) WHERE status = 'failed';

CREATE TABLE agent_mcp_tokens (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id TEXT NOT NULL,
    chain_id INTEGER NOT NULL,
    token_hash TEXT NOT NULL,
    server_url TEXT,
    expires_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    UNIQUE (agent_id, chain_id)
);
CREATE INDEX idx_agent_mcp_tokens_expires ON agent_mcp_tokens(expires_at) WHERE expires_at IS NOT NULL;
CREATE TRIGGER update_agent_mcp_tokens_updated_at BEFORE UPDATE ON agent_mcp_tokens FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

RESET search_path;
CREATE SCHEMA compute_pools;
SET search_path TO compute_pools, public;

-- Hanzo compute pools: 001_initial_schema.sql, 002_trades_and_history.sql, 003_functions_and_procedures.sql

CREATE TYPE resource_type AS ENUM ('CPU', 'GPU', 'Memory', 'Storage', 'Bandwidth', 'WASM', 'Docker', 'K8S');
COMMENT ON TYPE resource_type IS 'Resource codes 0-7, in code order';
CREATE TYPE pool_status AS ENUM ('active', 'paused', 'deprecated');
CREATE TYPE node_status AS ENUM ('online', 'offline', 'maintenance', 'slashed');
CREATE TYPE offer_status AS ENUM ('open', 'partially_filled', 'filled', 'cancelled', 'expired');
CREATE TYPE membership_role AS ENUM ('liquidity_provider', 'compute_provider');
CREATE TYPE challenge_type AS ENUM ('availability', 'performance', 'integrity', 'latency');
CREATE TYPE challenge_status AS ENUM ('pending', 'passed', 'failed', 'expired');
CREATE TYPE reward_type AS ENUM ('trading_fee', 'liquidity_mining', 'challenge', 'uptime');

CREATE DOMAIN uint256 AS NUMERIC(78,0)
    CHECK (VALUE >= 0 AND VALUE < 115792089237316195423570985008687907853269984665640564039457584007913129639936);
COMMENT ON DOMAIN uint256 IS 'An unsigned 256-bit integer (wei)';

CREATE OR REPLACE FUNCTION update_updated_at() RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TABLE compute_pools (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    name VARCHAR(100) NOT NULL UNIQUE,
    resource_type resource_type NOT NULL,
    resource_reserve NUMERIC(78,0) NOT NULL DEFAULT 0 CHECK (resource_reserve >= 0),
    token_reserve NUMERIC(78,0) NOT NULL DEFAULT 0 CHECK (token_reserve >= 0),
    total_lp_tokens NUMERIC(78,0) NOT NULL DEFAULT 0 CHECK (total_lp_tokens >= 0),
    fee_rate NUMERIC(5,4) NOT NULL DEFAULT 0.0030 CHECK (fee_rate >= 0 AND fee_rate < 1),
    volume_24h NUMERIC(78,0) NOT NULL DEFAULT 0,
    total_volume NUMERIC(78,0) NOT NULL DEFAULT 0,
    apr NUMERIC(10,4) NOT NULL DEFAULT 0,
    status pool_status NOT NULL DEFAULT 'active',
    metadata JSONB NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
COMMENT ON TABLE compute_pools IS 'AMM liquidity pools for compute resources';
CREATE INDEX idx_compute_pools_resource_type ON compute_pools(resource_type);
CREATE INDEX idx_compute_pools_status ON compute_pools(status);
CREATE INDEX idx_compute_pools_volume ON compute_pools(volume_24h DESC);
CREATE INDEX idx_compute_pools_apr ON compute_pools(apr DESC) WHERE status = 'active';
CREATE TRIGGER trg_compute_pools_updated_at BEFORE UPDATE ON compute_pools FOR EACH ROW EXECUTE FUNCTION update_updated_at();

CREATE TABLE compute_nodes (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    owner_address VARCHAR(42) NOT NULL,
    name VARCHAR(100) NOT NULL,
    endpoint TEXT,
    region VARCHAR(50),
    capabilities JSONB NOT NULL DEFAULT '{}',
    supported_resources resource_type[] NOT NULL DEFAULT '{}',
    status node_status NOT NULL DEFAULT 'offline',
    reputation_score NUMERIC(5,2) NOT NULL DEFAULT 100.00 CHECK (reputation_score >= 0 AND reputation_score <= 100),
    stake_amount uint256 NOT NULL DEFAULT 0,
    total_uptime_seconds BIGINT NOT NULL DEFAULT 0,
    last_heartbeat_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (owner_address, name)
);
COMMENT ON TABLE compute_nodes IS 'Registered compute providers';
CREATE INDEX idx_compute_nodes_owner ON compute_nodes(owner_address);
CREATE INDEX idx_compute_nodes_heartbeat ON compute_nodes(last_heartbeat_at DESC NULLS LAST);
CREATE INDEX idx_compute_nodes_capabilities ON compute_nodes USING GIN (capabilities jsonb_path_ops);
CREATE TRIGGER trg_compute_nodes_updated_at BEFORE UPDATE ON compute_nodes FOR EACH ROW EXECUTE FUNCTION update_updated_at();

CREATE TABLE compute_offers (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    node_id UUID NOT NULL REFERENCES compute_nodes(id) ON DELETE CASCADE,
    pool_id UUID REFERENCES compute_pools(id) ON DELETE SET NULL,
    resource_type resource_type NOT NULL,
    amount NUMERIC(78,0) NOT NULL CHECK (amount > 0),
    filled_amount NUMERIC(78,0) NOT NULL DEFAULT 0,
    price_per_unit NUMERIC(78,0) NOT NULL CHECK (price_per_unit > 0),
    min_duration_seconds INTEGER NOT NULL DEFAULT 3600,
    max_duration_seconds INTEGER,
    status offer_status NOT NULL DEFAULT 'open',
    expires_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT compute_offers_filled_within_amount CHECK (filled_amount >= 0 AND filled_amount <= amount),
    CONSTRAINT compute_offers_duration_range CHECK (max_duration_seconds IS NULL OR max_duration_seconds >= min_duration_seconds)
);
CREATE INDEX idx_compute_offers_node ON compute_offers(node_id);
CREATE INDEX idx_compute_offers_book ON compute_offers(resource_type, price_per_unit) WHERE status IN ('open', 'partially_filled');
CREATE TRIGGER trg_compute_offers_updated_at BEFORE UPDATE ON compute_offers FOR EACH ROW EXECUTE FUNCTION update_updated_at();

CREATE TABLE pool_memberships (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    pool_id UUID NOT NULL REFERENCES compute_pools(id) ON DELETE CASCADE,
    member_address VARCHAR(42) NOT NULL,
    node_id UUID REFERENCES compute_nodes(id) ON DELETE SET NULL,
    role membership_role NOT NULL,
    lp_tokens NUMERIC(78,0) NOT NULL DEFAULT 0 CHECK (lp_tokens >= 0),
    rewards_claimed NUMERIC(78,0) NOT NULL DEFAULT 0,
    joined_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (pool_id, member_address, role)
);
CREATE INDEX idx_pool_memberships_pool_lp ON pool_memberships(pool_id, lp_tokens DESC) INCLUDE (member_address);

CREATE TABLE challenges (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    node_id UUID NOT NULL REFERENCES compute_nodes(id) ON DELETE CASCADE,
    pool_id UUID REFERENCES compute_pools(id) ON DELETE SET NULL,
    challenge_type challenge_type NOT NULL,
    challenge_data JSONB NOT NULL DEFAULT '{}',
    response_data JSONB,
    score NUMERIC(5,2) CHECK (score >= 0 AND score <= 100),
    status challenge_status NOT NULL DEFAULT 'pending',
    deadline_at TIMESTAMPTZ NOT NULL DEFAULT now() + INTERVAL '5 minutes',
    responded_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_challenges_pending_deadline ON challenges(deadline_at) WHERE status = 'pending';

CREATE TABLE rewards (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    recipient_address VARCHAR(42) NOT NULL,
    pool_id UUID REFERENCES compute_pools(id) ON DELETE SET NULL,
    membership_id UUID REFERENCES pool_memberships(id) ON DELETE SET NULL,
    challenge_id UUID REFERENCES challenges(id) ON DELETE SET NULL,
    reward_type reward_type NOT NULL,
    amount NUMERIC(78,0) NOT NULL CHECK (amount > 0),
    epoch INTEGER NOT NULL,
    claimed BOOLEAN NOT NULL DEFAULT false,
    claimed_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT rewards_claimed_has_time CHECK (NOT claimed OR claimed_at IS NOT NULL)
);
CREATE INDEX idx_rewards_unclaimed ON rewards(recipient_address) WHERE NOT claimed;

CREATE TABLE trades (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    pool_id UUID NOT NULL REFERENCES compute_pools(id) ON DELETE RESTRICT,
    offer_id UUID REFERENCES compute_offers(id) ON DELETE SET NULL,
    trader_address VARCHAR(42) NOT NULL,
    is_buy BOOLEAN NOT NULL,
    source VARCHAR(16) NOT NULL DEFAULT 'amm' CHECK (source IN ('amm', 'orderbook')),
    resource_amount NUMERIC(78,0) NOT NULL CHECK (resource_amount > 0),
    token_amount NUMERIC(78,0) NOT NULL CHECK (token_amount > 0),
    price NUMERIC(78,0) NOT NULL,
    fee_amount NUMERIC(78,0) NOT NULL DEFAULT 0,
    price_impact NUMERIC(10,6),
    tx_hash VARCHAR(66),
    block_number BIGINT,
    executed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
COMMENT ON TABLE trades IS 'All executed trades';
CREATE INDEX idx_trades_pool_time ON trades(pool_id, executed_at DESC);
CREATE UNIQUE INDEX idx_trades_tx_hash ON trades(tx_hash) WHERE tx_hash IS NOT NULL;
CREATE INDEX idx_trades_executed_brin ON trades USING BRIN (executed_at);

CREATE TABLE price_snapshots (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pool_id UUID NOT NULL REFERENCES compute_pools(id) ON DELETE CASCADE,
    open_price NUMERIC(78,0) NOT NULL,
    high_price NUMERIC(78,0) NOT NULL,
    low_price NUMERIC(78,0) NOT NULL,
    close_price NUMERIC(78,0) NOT NULL,
    volume NUMERIC(78,0) NOT NULL DEFAULT 0,
    trade_count INTEGER NOT NULL DEFAULT 0,
    resource_reserve NUMERIC(78,0),
    token_reserve NUMERIC(78,0),
    snapshot_at TIMESTAMPTZ NOT NULL,
    UNIQUE (pool_id, snapshot_at),
    CONSTRAINT price_snapshots_high_low CHECK (high_price >= low_price)
);
COMMENT ON TABLE price_snapshots IS '1-minute price candles';
CREATE INDEX idx_price_snapshots_time ON price_snapshots(snapshot_at DESC);

CREATE TABLE price_snapshots_hourly (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pool_id UUID NOT NULL REFERENCES compute_pools(id) ON DELETE CASCADE,
    open_price NUMERIC(78,0) NOT NULL,
    high_price NUMERIC(78,0) NOT NULL,
    low_price NUMERIC(78,0) NOT NULL,
    close_price NUMERIC(78,0) NOT NULL,
    volume NUMERIC(78,0) NOT NULL DEFAULT 0,
    trade_count INTEGER NOT NULL DEFAULT 0,
    resource_reserve NUMERIC(78,0),
    token_reserve NUMERIC(78,0),
    snapshot_at TIMESTAMPTZ NOT NULL,
    UNIQUE (pool_id, snapshot_at),
    CONSTRAINT price_snapshots_hourly_high_low CHECK (high_price >= low_price)
);
COMMENT ON TABLE price_snapshots_hourly IS 'Hourly price candles';
CREATE INDEX idx_price_snapshots_hourly_time ON price_snapshots_hourly(snapshot_at DESC);

CREATE TABLE price_snapshots_daily (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pool_id UUID NOT NULL REFERENCES compute_pools(id) ON DELETE CASCADE,
    open_price NUMERIC(78,0) NOT NULL,
    high_price NUMERIC(78,0) NOT NULL,
    low_price NUMERIC(78,0) NOT NULL,
    close_price NUMERIC(78,0) NOT NULL,
    volume NUMERIC(78,0) NOT NULL DEFAULT 0,
    trade_count INTEGER NOT NULL DEFAULT 0,
    resource_reserve NUMERIC(78,0),
    token_reserve NUMERIC(78,0),
    snapshot_at TIMESTAMPTZ NOT NULL,
    UNIQUE (pool_id, snapshot_at),
    CONSTRAINT price_snapshots_daily_high_low CHECK (high_price >= low_price)
);
COMMENT ON TABLE price_snapshots_daily IS 'Daily price candles';
CREATE INDEX idx_price_snapshots_daily_time ON price_snapshots_daily(snapshot_at DESC);

CREATE VIEW v_active_pools AS
SELECT p.id, p.name, p.resource_type, p.resource_reserve, p.token_reserve, p.total_lp_tokens,
       p.fee_rate, p.volume_24h, p.apr,
       CASE WHEN p.resource_reserve > 0 THEN p.token_reserve / p.resource_reserve ELSE 0 END AS spot_price,
       p.token_reserve * 2 AS tvl,
       (SELECT COUNT(*) FROM pool_memberships m WHERE m.pool_id = p.id) AS member_count
  FROM compute_pools p
 WHERE p.status = 'active';
COMMENT ON VIEW v_active_pools IS 'Active pools with computed metrics';

CREATE VIEW v_pool_leaderboard AS
SELECT a.id, a.name, a.resource_type, a.tvl, a.volume_24h, a.apr, a.member_count,
       RANK() OVER (ORDER BY a.volume_24h DESC) AS volume_rank,
       RANK() OVER (ORDER BY a.apr DESC) AS apr_rank
  FROM v_active_pools a;

CREATE VIEW v_node_performance AS
SELECT n.id AS node_id, n.name, n.owner_address, n.status, n.reputation_score,
       COUNT(c.id) AS total_challenges,
       COUNT(c.id) FILTER (WHERE c.status = 'passed') AS passed_challenges,
       COUNT(c.id) FILTER (WHERE c.status = 'failed') AS failed_challenges,
       AVG(c.score) AS avg_score
  FROM compute_nodes n
  LEFT JOIN challenges c ON c.node_id = n.id
 GROUP BY n.id;

CREATE OR REPLACE FUNCTION calculate_impermanent_loss(p_entry_price NUMERIC, p_current_price NUMERIC)
RETURNS NUMERIC AS $$
    SELECT 2 * sqrt(p_current_price / p_entry_price) / (1 + p_current_price / p_entry_price) - 1
$$ LANGUAGE sql IMMUTABLE STRICT;

CREATE OR REPLACE FUNCTION get_best_price(p_resource_type resource_type, p_is_buying BOOLEAN, p_amount NUMERIC)
RETURNS TABLE (source TEXT, price NUMERIC, pool_id UUID, offer_id UUID) AS $$
BEGIN
    RETURN QUERY
    SELECT * FROM (
        SELECT 'amm'::text, p.token_reserve / p.resource_reserve, p.id, NULL::uuid
          FROM compute_pools p
         WHERE p.resource_type = p_resource_type AND p.status = 'active' AND p.resource_reserve > p_amount
        UNION ALL
        SELECT 'orderbook'::text, o.price_per_unit::numeric, o.pool_id, o.id
          FROM compute_offers o
         WHERE o.resource_type = p_resource_type AND o.status IN ('open', 'partially_filled')
           AND o.amount - o.filled_amount >= p_amount
    ) candidates
    ORDER BY 2 ASC
    LIMIT 1;
END;
$$ LANGUAGE plpgsql STABLE;

CREATE OR REPLACE FUNCTION create_challenge(p_node_id UUID, p_pool_id UUID, p_type challenge_type, p_data JSONB DEFAULT '{}')
RETURNS UUID AS $$
DECLARE
    v_id UUID;
BEGIN
    INSERT INTO challenges (node_id, pool_id, challenge_type, challenge_data)
    VALUES (p_node_id, p_pool_id, p_type, p_data)
    RETURNING id INTO v_id;
    RETURN v_id;
END;
$$ LANGUAGE plpgsql;

RESET search_path;
