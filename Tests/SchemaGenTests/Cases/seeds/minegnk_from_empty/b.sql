-- MineGNK: TypeORM migrations (1700000000000-InitialSchema), written by hand
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

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
