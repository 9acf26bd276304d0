-- Hanzo compute pools: 001_initial_schema.sql, 002_trades_and_history.sql, 003_functions_and_procedures.sql
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TYPE resource_type AS ENUM ('CPU', 'GPU', 'TPU', 'Memory', 'Storage', 'Bandwidth', 'WASM', 'Docker', 'K8S');
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
    fee_rate NUMERIC(5,4) NOT NULL DEFAULT 0.0025 CHECK (fee_rate >= 0 AND fee_rate < 1),
    volume_24h NUMERIC(78,0) NOT NULL DEFAULT 0,
    total_volume NUMERIC(78,0) NOT NULL DEFAULT 0,
    apr NUMERIC(10,4) NOT NULL DEFAULT 0,
    status pool_status NOT NULL DEFAULT 'active',
    metadata JSONB NOT NULL DEFAULT '{}',
    description TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
COMMENT ON TABLE compute_pools IS 'AMM liquidity pools for compute resources';
CREATE INDEX idx_compute_pools_resource_type ON compute_pools(resource_type);
CREATE INDEX idx_compute_pools_name_lower ON compute_pools (lower(name));
CREATE INDEX idx_compute_pools_volume ON compute_pools(volume_24h DESC);
CREATE INDEX idx_compute_pools_apr ON compute_pools(apr DESC) WHERE status = 'active';
CREATE TRIGGER trg_compute_pools_updated_at BEFORE UPDATE ON compute_pools FOR EACH ROW EXECUTE FUNCTION update_updated_at();

CREATE TABLE compute_nodes (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    owner_address VARCHAR(42) NOT NULL,
    name VARCHAR(100) NOT NULL,
    endpoint TEXT,
    region VARCHAR(100),
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
    CONSTRAINT compute_offers_duration_range CHECK (max_duration_seconds IS NULL OR max_duration_seconds > min_duration_seconds)
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
    block_number BIGINT CHECK (block_number >= 0),
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
       p.fee_rate, p.volume_24h, p.apr, p.total_volume,
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
