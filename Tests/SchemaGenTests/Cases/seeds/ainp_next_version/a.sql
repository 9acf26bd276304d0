-- AINP: 001_initial.sql, 002_trust_scores.sql, 005_negotiations.sql, 006_usefulness.sql, 009_credits.sql
CREATE EXTENSION IF NOT EXISTS "pgcrypto";

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
