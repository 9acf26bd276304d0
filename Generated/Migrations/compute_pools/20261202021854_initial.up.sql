-- 20261202021854_initial up: compute_pools

SET check_function_bodies = false;

CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public;

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

CREATE TYPE public.resource_type AS ENUM ('CPU', 'GPU', 'Memory', 'Storage', 'Bandwidth', 'WASM', 'Docker', 'K8S');

COMMENT ON TYPE public.resource_type IS 'Resource codes 0-7, in code order';

CREATE TYPE public.pool_status AS ENUM ('active', 'paused', 'deprecated');

CREATE TYPE public.node_status AS ENUM ('online', 'offline', 'maintenance', 'slashed');

CREATE TYPE public.offer_status AS ENUM ('open', 'partially_filled', 'filled', 'cancelled', 'expired');

CREATE TYPE public.membership_role AS ENUM ('liquidity_provider', 'compute_provider');

CREATE TYPE public.challenge_type AS ENUM ('availability', 'performance', 'integrity', 'latency');

CREATE TYPE public.challenge_status AS ENUM ('pending', 'passed', 'failed', 'expired');

CREATE TYPE public.reward_type AS ENUM ('trading_fee', 'liquidity_mining', 'challenge', 'uptime');

CREATE TYPE public.liquidity_event_type AS ENUM ('add', 'remove');

CREATE TYPE public.allocation_status AS ENUM ('pending', 'active', 'completed', 'terminated');

CREATE DOMAIN public.uint256 AS numeric(78,0) CONSTRAINT uint256_check CHECK (((VALUE >= (0)::numeric) AND (VALUE < '115792089237316195423570985008687907853269984665640564039457584007913129639936'::numeric)));

COMMENT ON DOMAIN public.uint256 IS 'An unsigned 256-bit integer (wei)';

CREATE FUNCTION public.update_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;$$;

CREATE FUNCTION public.calculate_swap_output(p_pool_id uuid, p_amount_in numeric, p_is_buying boolean) RETURNS TABLE(amount_out numeric, fee numeric, price_impact numeric)
    LANGUAGE plpgsql STABLE
    AS $$DECLARE
    v_pool compute_pools%ROWTYPE;
    v_in_reserve numeric;
    v_out_reserve numeric;
    v_amount_after_fee numeric;
BEGIN
    SELECT * INTO v_pool FROM compute_pools WHERE id = p_pool_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'pool % not found', p_pool_id;
    END IF;
    IF p_is_buying THEN
        v_in_reserve := v_pool.token_reserve;
        v_out_reserve := v_pool.resource_reserve;
    ELSE
        v_in_reserve := v_pool.resource_reserve;
        v_out_reserve := v_pool.token_reserve;
    END IF;
    fee := trunc(p_amount_in * v_pool.fee_rate);
    v_amount_after_fee := p_amount_in - fee;
    amount_out := trunc((v_amount_after_fee * v_out_reserve) / (v_in_reserve + v_amount_after_fee));
    price_impact := CASE WHEN v_out_reserve > 0 THEN amount_out / v_out_reserve ELSE 0 END;
    RETURN NEXT;
END;$$;

CREATE FUNCTION public.calculate_lp_tokens_to_mint(p_pool_id uuid, p_resource_amount numeric, p_token_amount numeric) RETURNS numeric
    LANGUAGE plpgsql STABLE
    AS $$DECLARE
    v_pool compute_pools%ROWTYPE;
BEGIN
    SELECT * INTO v_pool FROM compute_pools WHERE id = p_pool_id;
    IF v_pool.total_lp_tokens = 0 THEN
        RETURN trunc(sqrt(p_resource_amount * p_token_amount));
    END IF;
    RETURN trunc(least(p_resource_amount * v_pool.total_lp_tokens / v_pool.resource_reserve,
                       p_token_amount * v_pool.total_lp_tokens / v_pool.token_reserve));
END;$$;

CREATE FUNCTION public.calculate_liquidity_removal(p_pool_id uuid, p_lp_tokens numeric) RETURNS TABLE(resource_amount numeric, token_amount numeric)
    LANGUAGE plpgsql STABLE
    AS $$BEGIN
    RETURN QUERY
    SELECT trunc(p_lp_tokens * p.resource_reserve / p.total_lp_tokens),
           trunc(p_lp_tokens * p.token_reserve / p.total_lp_tokens)
      FROM compute_pools p
     WHERE p.id = p_pool_id AND p.total_lp_tokens > 0;
END;$$;

CREATE FUNCTION public.calculate_impermanent_loss(p_entry_price numeric, p_current_price numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT
    AS $$SELECT 2 * sqrt(p_current_price / p_entry_price) / (1 + p_current_price / p_entry_price) - 1$$;

CREATE FUNCTION public.get_best_price(p_resource_type public.resource_type, p_is_buying boolean, p_amount numeric) RETURNS TABLE(source text, price numeric, pool_id uuid, offer_id uuid)
    LANGUAGE plpgsql STABLE
    AS $$BEGIN
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
END;$$;

CREATE FUNCTION public.calculate_trading_fee_rewards(p_membership_id uuid) RETURNS numeric
    LANGUAGE plpgsql STABLE
    AS $$DECLARE
    v_share numeric;
    v_fees numeric;
BEGIN
    SELECT m.lp_tokens / nullif(p.total_lp_tokens, 0), coalesce(sum(t.fee_amount), 0)
      INTO v_share, v_fees
      FROM pool_memberships m
      JOIN compute_pools p ON p.id = m.pool_id
      LEFT JOIN trades t ON t.pool_id = p.id AND t.executed_at >= m.joined_at
     WHERE m.id = p_membership_id
     GROUP BY m.lp_tokens, p.total_lp_tokens;
    RETURN trunc(coalesce(v_share, 0) * v_fees);
END;$$;

CREATE FUNCTION public.calculate_pool_apr(p_pool_id uuid) RETURNS numeric
    LANGUAGE plpgsql STABLE
    AS $$DECLARE
    v_fees_7d numeric;
    v_tvl numeric;
BEGIN
    SELECT coalesce(sum(fee_amount), 0) INTO v_fees_7d
      FROM trades WHERE pool_id = p_pool_id AND executed_at > now() - interval '7 days';
    SELECT token_reserve * 2 INTO v_tvl FROM compute_pools WHERE id = p_pool_id;
    IF v_tvl IS NULL OR v_tvl = 0 THEN
        RETURN 0;
    END IF;
    RETURN round(v_fees_7d / v_tvl * 52 * 100, 4);
END;$$;

CREATE FUNCTION public.create_challenge(p_node_id uuid, p_pool_id uuid, p_type public.challenge_type, p_data jsonb DEFAULT '{}'::jsonb) RETURNS uuid
    LANGUAGE plpgsql
    AS $$DECLARE
    v_id uuid;
BEGIN
    INSERT INTO challenges (node_id, pool_id, challenge_type, challenge_data)
    VALUES (p_node_id, p_pool_id, p_type, p_data)
    RETURNING id INTO v_id;
    RETURN v_id;
END;$$;

CREATE FUNCTION public.process_challenge_response(p_challenge_id uuid, p_response jsonb, p_score numeric) RETURNS boolean
    LANGUAGE plpgsql
    AS $$DECLARE
    v_passed boolean := p_score >= 80;
BEGIN
    UPDATE challenges
       SET response_data = p_response, score = p_score, responded_at = now(),
           status = CASE WHEN v_passed THEN 'passed'::challenge_status ELSE 'failed'::challenge_status END
     WHERE id = p_challenge_id AND status = 'pending' AND deadline_at > now();
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    UPDATE compute_nodes n
       SET reputation_score = least(100, greatest(0, n.reputation_score + CASE WHEN v_passed THEN 1 ELSE -5 END))
      FROM challenges c
     WHERE c.id = p_challenge_id AND n.id = c.node_id;
    RETURN v_passed;
END;$$;

CREATE FUNCTION public.fail_expired_challenges() RETURNS integer
    LANGUAGE plpgsql
    AS $$DECLARE
    v_count integer;
BEGIN
    UPDATE challenges SET status = 'expired' WHERE status = 'pending' AND deadline_at <= now();
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END;$$;

CREATE TABLE public.compute_pools (
    id uuid DEFAULT uuid_generate_v4() NOT NULL,
    name character varying(100) NOT NULL,
    resource_type public.resource_type NOT NULL,
    resource_reserve numeric(78,0) DEFAULT 0 NOT NULL,
    token_reserve numeric(78,0) DEFAULT 0 NOT NULL,
    total_lp_tokens numeric(78,0) DEFAULT 0 NOT NULL,
    fee_rate numeric(5,4) DEFAULT 0.0030 NOT NULL,
    volume_24h numeric(78,0) DEFAULT 0 NOT NULL,
    total_volume numeric(78,0) DEFAULT 0 NOT NULL,
    apr numeric(10,4) DEFAULT 0 NOT NULL,
    status public.pool_status DEFAULT 'active'::pool_status NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT compute_pools_pkey PRIMARY KEY (id),
    CONSTRAINT compute_pools_name_key UNIQUE (name),
    CONSTRAINT compute_pools_resource_reserve_check CHECK ((resource_reserve >= (0)::numeric)),
    CONSTRAINT compute_pools_token_reserve_check CHECK ((token_reserve >= (0)::numeric)),
    CONSTRAINT compute_pools_total_lp_tokens_check CHECK ((total_lp_tokens >= (0)::numeric)),
    CONSTRAINT compute_pools_fee_rate_check CHECK (((fee_rate >= (0)::numeric) AND (fee_rate < (1)::numeric)))
);

COMMENT ON TABLE public.compute_pools IS 'AMM liquidity pools for compute resources';

CREATE TABLE public.compute_nodes (
    id uuid DEFAULT uuid_generate_v4() NOT NULL,
    owner_address character varying(42) NOT NULL,
    name character varying(100) NOT NULL,
    endpoint text,
    region character varying(50),
    capabilities jsonb DEFAULT '{}'::jsonb NOT NULL,
    supported_resources public.resource_type[] DEFAULT '{}'::resource_type[] NOT NULL,
    status public.node_status DEFAULT 'offline'::node_status NOT NULL,
    reputation_score numeric(5,2) DEFAULT 100.00 NOT NULL,
    stake_amount numeric(78,0) DEFAULT 0 NOT NULL,
    total_uptime_seconds bigint DEFAULT 0 NOT NULL,
    last_heartbeat_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT compute_nodes_pkey PRIMARY KEY (id),
    CONSTRAINT compute_nodes_reputation_score_check CHECK (((reputation_score >= (0)::numeric) AND (reputation_score <= (100)::numeric))),
    CONSTRAINT compute_nodes_stake_amount_check CHECK ((stake_amount >= (0)::numeric)),
    CONSTRAINT compute_nodes_owner_address_name_key UNIQUE (owner_address, name)
);

COMMENT ON TABLE public.compute_nodes IS 'Registered compute providers';

CREATE TABLE public.compute_offers (
    id uuid DEFAULT uuid_generate_v4() NOT NULL,
    node_id uuid NOT NULL,
    pool_id uuid,
    resource_type public.resource_type NOT NULL,
    amount numeric(78,0) NOT NULL,
    filled_amount numeric(78,0) DEFAULT 0 NOT NULL,
    price_per_unit numeric(78,0) NOT NULL,
    min_duration_seconds integer DEFAULT 3600 NOT NULL,
    max_duration_seconds integer,
    status public.offer_status DEFAULT 'open'::offer_status NOT NULL,
    expires_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT compute_offers_pkey PRIMARY KEY (id),
    CONSTRAINT compute_offers_amount_check CHECK ((amount > (0)::numeric)),
    CONSTRAINT compute_offers_price_per_unit_check CHECK ((price_per_unit > (0)::numeric)),
    CONSTRAINT compute_offers_filled_within_amount CHECK (((filled_amount >= (0)::numeric) AND (filled_amount <= amount))),
    CONSTRAINT compute_offers_duration_range CHECK (((max_duration_seconds IS NULL) OR (max_duration_seconds >= min_duration_seconds)))
);

COMMENT ON TABLE public.compute_offers IS 'Order book entries from providers';

CREATE TABLE public.pool_memberships (
    id uuid DEFAULT uuid_generate_v4() NOT NULL,
    pool_id uuid NOT NULL,
    member_address character varying(42) NOT NULL,
    node_id uuid,
    role public.membership_role NOT NULL,
    lp_tokens numeric(78,0) DEFAULT 0 NOT NULL,
    resource_contributed numeric(78,0) DEFAULT 0 NOT NULL,
    token_contributed numeric(78,0) DEFAULT 0 NOT NULL,
    entry_price numeric(78,0),
    rewards_claimed numeric(78,0) DEFAULT 0 NOT NULL,
    stake_amount numeric(78,0) DEFAULT 0 NOT NULL,
    joined_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT pool_memberships_pkey PRIMARY KEY (id),
    CONSTRAINT pool_memberships_lp_tokens_check CHECK ((lp_tokens >= (0)::numeric)),
    CONSTRAINT pool_memberships_pool_id_member_address_role_key UNIQUE (pool_id, member_address, role)
);

COMMENT ON TABLE public.pool_memberships IS 'LP positions and provider stakes';

CREATE TABLE public.challenges (
    id uuid DEFAULT uuid_generate_v4() NOT NULL,
    node_id uuid NOT NULL,
    pool_id uuid,
    challenge_type public.challenge_type NOT NULL,
    challenge_data jsonb DEFAULT '{}'::jsonb NOT NULL,
    response_data jsonb,
    score numeric(5,2),
    status public.challenge_status DEFAULT 'pending'::challenge_status NOT NULL,
    deadline_at timestamp with time zone DEFAULT (now() + '00:05:00'::interval) NOT NULL,
    responded_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT challenges_pkey PRIMARY KEY (id),
    CONSTRAINT challenges_score_check CHECK (((score >= (0)::numeric) AND (score <= (100)::numeric)))
);

COMMENT ON TABLE public.challenges IS 'SLA verification challenges';

CREATE TABLE public.rewards (
    id uuid DEFAULT uuid_generate_v4() NOT NULL,
    recipient_address character varying(42) NOT NULL,
    pool_id uuid,
    membership_id uuid,
    challenge_id uuid,
    reward_type public.reward_type NOT NULL,
    amount numeric(78,0) NOT NULL,
    epoch integer NOT NULL,
    tx_hash character varying(66),
    claimed boolean DEFAULT false NOT NULL,
    claimed_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT rewards_pkey PRIMARY KEY (id),
    CONSTRAINT rewards_amount_check CHECK ((amount > (0)::numeric)),
    CONSTRAINT rewards_claimed_has_time CHECK (((NOT claimed) OR (claimed_at IS NOT NULL)))
);

COMMENT ON TABLE public.rewards IS 'Reward distributions to participants';

CREATE TABLE public.trades (
    id uuid DEFAULT uuid_generate_v4() NOT NULL,
    pool_id uuid NOT NULL,
    offer_id uuid,
    trader_address character varying(42) NOT NULL,
    is_buy boolean NOT NULL,
    source character varying(16) DEFAULT 'amm'::character varying NOT NULL,
    resource_amount numeric(78,0) NOT NULL,
    token_amount numeric(78,0) NOT NULL,
    price numeric(78,0) NOT NULL,
    fee_amount numeric(78,0) DEFAULT 0 NOT NULL,
    price_impact numeric(10,6),
    tx_hash character varying(66),
    block_number bigint,
    executed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT trades_pkey PRIMARY KEY (id),
    CONSTRAINT trades_source_check CHECK (((source)::text = ANY (ARRAY[('amm'::character varying)::text, ('orderbook'::character varying)::text]))),
    CONSTRAINT trades_resource_amount_check CHECK ((resource_amount > (0)::numeric)),
    CONSTRAINT trades_token_amount_check CHECK ((token_amount > (0)::numeric))
);

COMMENT ON TABLE public.trades IS 'All executed trades';

CREATE TABLE public.price_snapshots (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    pool_id uuid NOT NULL,
    open_price numeric(78,0) NOT NULL,
    high_price numeric(78,0) NOT NULL,
    low_price numeric(78,0) NOT NULL,
    close_price numeric(78,0) NOT NULL,
    volume numeric(78,0) DEFAULT 0 NOT NULL,
    trade_count integer DEFAULT 0 NOT NULL,
    resource_reserve numeric(78,0),
    token_reserve numeric(78,0),
    snapshot_at timestamp with time zone NOT NULL,
    CONSTRAINT price_snapshots_pkey PRIMARY KEY (id),
    CONSTRAINT price_snapshots_pool_id_snapshot_at_key UNIQUE (pool_id, snapshot_at),
    CONSTRAINT price_snapshots_high_low CHECK ((high_price >= low_price))
);

COMMENT ON TABLE public.price_snapshots IS '1-minute price candles';

CREATE TABLE public.price_snapshots_hourly (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    pool_id uuid NOT NULL,
    open_price numeric(78,0) NOT NULL,
    high_price numeric(78,0) NOT NULL,
    low_price numeric(78,0) NOT NULL,
    close_price numeric(78,0) NOT NULL,
    volume numeric(78,0) DEFAULT 0 NOT NULL,
    trade_count integer DEFAULT 0 NOT NULL,
    resource_reserve numeric(78,0),
    token_reserve numeric(78,0),
    snapshot_at timestamp with time zone NOT NULL,
    CONSTRAINT price_snapshots_hourly_pkey PRIMARY KEY (id),
    CONSTRAINT price_snapshots_hourly_pool_id_snapshot_at_key UNIQUE (pool_id, snapshot_at),
    CONSTRAINT price_snapshots_hourly_high_low CHECK ((high_price >= low_price))
);

COMMENT ON TABLE public.price_snapshots_hourly IS 'Hourly price candles';

CREATE TABLE public.price_snapshots_daily (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    pool_id uuid NOT NULL,
    open_price numeric(78,0) NOT NULL,
    high_price numeric(78,0) NOT NULL,
    low_price numeric(78,0) NOT NULL,
    close_price numeric(78,0) NOT NULL,
    volume numeric(78,0) DEFAULT 0 NOT NULL,
    trade_count integer DEFAULT 0 NOT NULL,
    resource_reserve numeric(78,0),
    token_reserve numeric(78,0),
    snapshot_at timestamp with time zone NOT NULL,
    CONSTRAINT price_snapshots_daily_pkey PRIMARY KEY (id),
    CONSTRAINT price_snapshots_daily_pool_id_snapshot_at_key UNIQUE (pool_id, snapshot_at),
    CONSTRAINT price_snapshots_daily_high_low CHECK ((high_price >= low_price))
);

COMMENT ON TABLE public.price_snapshots_daily IS 'Daily price candles';

CREATE TABLE public.liquidity_events (
    id uuid DEFAULT uuid_generate_v4() NOT NULL,
    pool_id uuid NOT NULL,
    membership_id uuid,
    provider_address character varying(42) NOT NULL,
    event_type public.liquidity_event_type NOT NULL,
    resource_amount numeric(78,0) DEFAULT 0 NOT NULL,
    token_amount numeric(78,0) DEFAULT 0 NOT NULL,
    lp_tokens numeric(78,0) DEFAULT 0 NOT NULL,
    tx_hash character varying(66),
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT liquidity_events_pkey PRIMARY KEY (id)
);

COMMENT ON TABLE public.liquidity_events IS 'Add/remove liquidity events';

CREATE TABLE public.resource_allocations (
    id uuid DEFAULT uuid_generate_v4() NOT NULL,
    offer_id uuid,
    trade_id uuid,
    node_id uuid NOT NULL,
    pool_id uuid,
    consumer_address character varying(42) NOT NULL,
    resource_type public.resource_type NOT NULL,
    amount numeric(78,0) NOT NULL,
    price_paid numeric(78,0) DEFAULT 0 NOT NULL,
    status public.allocation_status DEFAULT 'pending'::allocation_status NOT NULL,
    starts_at timestamp with time zone DEFAULT now() NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT resource_allocations_pkey PRIMARY KEY (id),
    CONSTRAINT resource_allocations_amount_check CHECK ((amount > (0)::numeric)),
    CONSTRAINT resource_allocations_time_order CHECK ((ends_at > starts_at))
);

COMMENT ON TABLE public.resource_allocations IS 'Active compute allocations';

CREATE INDEX idx_compute_pools_resource_type ON public.compute_pools USING btree (resource_type);

CREATE INDEX idx_compute_pools_status ON public.compute_pools USING btree (status);

CREATE INDEX idx_compute_pools_volume ON public.compute_pools USING btree (volume_24h DESC);

CREATE INDEX idx_compute_pools_apr ON public.compute_pools USING btree (apr DESC) WHERE (status = 'active'::pool_status);

CREATE INDEX idx_compute_nodes_owner ON public.compute_nodes USING btree (owner_address);

CREATE INDEX idx_compute_nodes_status ON public.compute_nodes USING btree (status);

CREATE INDEX idx_compute_nodes_heartbeat ON public.compute_nodes USING btree (last_heartbeat_at DESC NULLS LAST);

CREATE INDEX idx_compute_nodes_capabilities ON public.compute_nodes USING gin (capabilities jsonb_path_ops);

CREATE INDEX idx_compute_offers_node ON public.compute_offers USING btree (node_id);

CREATE INDEX idx_compute_offers_book ON public.compute_offers USING btree (resource_type, price_per_unit) WHERE (status = ANY (ARRAY['open'::offer_status, 'partially_filled'::offer_status]));

CREATE INDEX idx_compute_offers_status ON public.compute_offers USING btree (status, created_at DESC);

CREATE INDEX idx_pool_memberships_member ON public.pool_memberships USING btree (member_address);

CREATE INDEX idx_pool_memberships_pool_lp ON public.pool_memberships USING btree (pool_id, lp_tokens DESC) INCLUDE (member_address);

CREATE INDEX idx_challenges_node ON public.challenges USING btree (node_id, created_at DESC);

CREATE INDEX idx_challenges_pending_deadline ON public.challenges USING btree (deadline_at) WHERE (status = 'pending'::challenge_status);

CREATE INDEX idx_rewards_recipient ON public.rewards USING btree (recipient_address, created_at DESC);

CREATE INDEX idx_rewards_unclaimed ON public.rewards USING btree (recipient_address) WHERE (NOT claimed);

CREATE INDEX idx_rewards_pool_epoch ON public.rewards USING btree (pool_id, epoch);

CREATE INDEX idx_trades_pool_time ON public.trades USING btree (pool_id, executed_at DESC);

CREATE INDEX idx_trades_trader ON public.trades USING btree (trader_address, executed_at DESC);

CREATE UNIQUE INDEX idx_trades_tx_hash ON public.trades USING btree (tx_hash) WHERE (tx_hash IS NOT NULL);

CREATE INDEX idx_trades_executed_brin ON public.trades USING brin (executed_at);

CREATE INDEX idx_price_snapshots_time ON public.price_snapshots USING btree (snapshot_at DESC);

CREATE INDEX idx_price_snapshots_hourly_time ON public.price_snapshots_hourly USING btree (snapshot_at DESC);

CREATE INDEX idx_price_snapshots_daily_time ON public.price_snapshots_daily USING btree (snapshot_at DESC);

CREATE INDEX idx_liquidity_events_pool ON public.liquidity_events USING btree (pool_id, created_at DESC);

CREATE INDEX idx_liquidity_events_provider ON public.liquidity_events USING btree (provider_address);

CREATE INDEX idx_resource_allocations_node_active ON public.resource_allocations USING btree (node_id) WHERE (status = 'active'::allocation_status);

CREATE INDEX idx_resource_allocations_consumer ON public.resource_allocations USING btree (consumer_address, created_at DESC);

ALTER TABLE public.compute_offers ADD CONSTRAINT compute_offers_node_id_fkey FOREIGN KEY (node_id) REFERENCES public.compute_nodes (id) ON DELETE CASCADE;

ALTER TABLE public.compute_offers ADD CONSTRAINT compute_offers_pool_id_fkey FOREIGN KEY (pool_id) REFERENCES public.compute_pools (id) ON DELETE SET NULL;

ALTER TABLE public.pool_memberships ADD CONSTRAINT pool_memberships_pool_id_fkey FOREIGN KEY (pool_id) REFERENCES public.compute_pools (id) ON DELETE CASCADE;

ALTER TABLE public.pool_memberships ADD CONSTRAINT pool_memberships_node_id_fkey FOREIGN KEY (node_id) REFERENCES public.compute_nodes (id) ON DELETE SET NULL;

ALTER TABLE public.challenges ADD CONSTRAINT challenges_node_id_fkey FOREIGN KEY (node_id) REFERENCES public.compute_nodes (id) ON DELETE CASCADE;

ALTER TABLE public.challenges ADD CONSTRAINT challenges_pool_id_fkey FOREIGN KEY (pool_id) REFERENCES public.compute_pools (id) ON DELETE SET NULL;

ALTER TABLE public.rewards ADD CONSTRAINT rewards_pool_id_fkey FOREIGN KEY (pool_id) REFERENCES public.compute_pools (id) ON DELETE SET NULL;

ALTER TABLE public.rewards ADD CONSTRAINT rewards_membership_id_fkey FOREIGN KEY (membership_id) REFERENCES public.pool_memberships (id) ON DELETE SET NULL;

ALTER TABLE public.rewards ADD CONSTRAINT rewards_challenge_id_fkey FOREIGN KEY (challenge_id) REFERENCES public.challenges (id) ON DELETE SET NULL;

ALTER TABLE public.trades ADD CONSTRAINT trades_pool_id_fkey FOREIGN KEY (pool_id) REFERENCES public.compute_pools (id) ON DELETE RESTRICT;

ALTER TABLE public.trades ADD CONSTRAINT trades_offer_id_fkey FOREIGN KEY (offer_id) REFERENCES public.compute_offers (id) ON DELETE SET NULL;

ALTER TABLE public.price_snapshots ADD CONSTRAINT price_snapshots_pool_id_fkey FOREIGN KEY (pool_id) REFERENCES public.compute_pools (id) ON DELETE CASCADE;

ALTER TABLE public.price_snapshots_hourly ADD CONSTRAINT price_snapshots_hourly_pool_id_fkey FOREIGN KEY (pool_id) REFERENCES public.compute_pools (id) ON DELETE CASCADE;

ALTER TABLE public.price_snapshots_daily ADD CONSTRAINT price_snapshots_daily_pool_id_fkey FOREIGN KEY (pool_id) REFERENCES public.compute_pools (id) ON DELETE CASCADE;

ALTER TABLE public.liquidity_events ADD CONSTRAINT liquidity_events_pool_id_fkey FOREIGN KEY (pool_id) REFERENCES public.compute_pools (id) ON DELETE CASCADE;

ALTER TABLE public.liquidity_events ADD CONSTRAINT liquidity_events_membership_id_fkey FOREIGN KEY (membership_id) REFERENCES public.pool_memberships (id) ON DELETE SET NULL;

ALTER TABLE public.resource_allocations ADD CONSTRAINT resource_allocations_offer_id_fkey FOREIGN KEY (offer_id) REFERENCES public.compute_offers (id) ON DELETE SET NULL;

ALTER TABLE public.resource_allocations ADD CONSTRAINT resource_allocations_trade_id_fkey FOREIGN KEY (trade_id) REFERENCES public.trades (id) ON DELETE SET NULL;

ALTER TABLE public.resource_allocations ADD CONSTRAINT resource_allocations_node_id_fkey FOREIGN KEY (node_id) REFERENCES public.compute_nodes (id) ON DELETE RESTRICT;

ALTER TABLE public.resource_allocations ADD CONSTRAINT resource_allocations_pool_id_fkey FOREIGN KEY (pool_id) REFERENCES public.compute_pools (id) ON DELETE SET NULL;

CREATE VIEW public.v_active_pools AS
SELECT p.id,
    p.name,
    p.resource_type,
    p.resource_reserve,
    p.token_reserve,
    p.total_lp_tokens,
    p.fee_rate,
    p.volume_24h,
    p.apr,
        CASE
            WHEN p.resource_reserve > 0::numeric THEN p.token_reserve / p.resource_reserve
            ELSE 0::numeric
        END AS spot_price,
    p.token_reserve * 2::numeric AS tvl,
    ( SELECT count(*) AS count
           FROM pool_memberships m
          WHERE m.pool_id = p.id) AS member_count
   FROM compute_pools p
  WHERE p.status = 'active'::pool_status;

COMMENT ON VIEW public.v_active_pools IS 'Active pools with computed metrics';

CREATE VIEW public.v_user_portfolio AS
SELECT m.member_address,
    m.pool_id,
    p.name AS pool_name,
    p.resource_type,
    m.role,
    m.lp_tokens,
        CASE
            WHEN p.total_lp_tokens > 0::numeric THEN m.lp_tokens * p.resource_reserve / p.total_lp_tokens
            ELSE 0::numeric
        END AS resource_share,
        CASE
            WHEN p.total_lp_tokens > 0::numeric THEN m.lp_tokens * p.token_reserve / p.total_lp_tokens
            ELSE 0::numeric
        END AS token_share,
    m.rewards_claimed,
    m.joined_at
   FROM pool_memberships m
     JOIN compute_pools p ON p.id = m.pool_id
  WHERE m.lp_tokens > 0::numeric;

COMMENT ON VIEW public.v_user_portfolio IS 'User liquidity positions';

CREATE VIEW public.v_node_performance AS
SELECT n.id AS node_id,
    n.name,
    n.owner_address,
    n.status,
    n.reputation_score,
    count(c.id) AS total_challenges,
    count(c.id) FILTER (WHERE c.status = 'passed'::challenge_status) AS passed_challenges,
    count(c.id) FILTER (WHERE c.status = 'failed'::challenge_status) AS failed_challenges,
    avg(c.score) AS avg_score,
    n.total_uptime_seconds,
    n.last_heartbeat_at
   FROM compute_nodes n
     LEFT JOIN challenges c ON c.node_id = n.id
  GROUP BY n.id;

COMMENT ON VIEW public.v_node_performance IS 'Node performance summary';

CREATE VIEW public.v_pool_leaderboard AS
SELECT a.id,
    a.name,
    a.resource_type,
    a.tvl,
    a.volume_24h,
    a.apr,
    a.member_count,
    rank() OVER (ORDER BY a.volume_24h DESC) AS volume_rank,
    rank() OVER (ORDER BY a.apr DESC) AS apr_rank
   FROM v_active_pools a;

COMMENT ON VIEW public.v_pool_leaderboard IS 'Pool rankings';

CREATE TRIGGER trg_compute_pools_updated_at BEFORE UPDATE ON public.compute_pools FOR EACH ROW EXECUTE FUNCTION public.update_updated_at();

CREATE TRIGGER trg_compute_nodes_updated_at BEFORE UPDATE ON public.compute_nodes FOR EACH ROW EXECUTE FUNCTION public.update_updated_at();

CREATE TRIGGER trg_compute_offers_updated_at BEFORE UPDATE ON public.compute_offers FOR EACH ROW EXECUTE FUNCTION public.update_updated_at();

CREATE TRIGGER trg_pool_memberships_updated_at BEFORE UPDATE ON public.pool_memberships FOR EACH ROW EXECUTE FUNCTION public.update_updated_at();

CREATE TRIGGER trg_resource_allocations_updated_at BEFORE UPDATE ON public.resource_allocations FOR EACH ROW EXECUTE FUNCTION public.update_updated_at();
