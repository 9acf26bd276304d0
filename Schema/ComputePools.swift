import SchemaDSL

/// The Hanzo compute pools platform: AMM liquidity pools for compute resources, an order
/// book of provider offers, SLA challenges and rewards. Token and resource amounts are
/// uint256 values in wei, stored exactly as NUMERIC(78,0).
public let computePools = Database("compute_pools") {
    Extension("uuid-ossp")
    Extension("pgcrypto")

    Enum("resource_type", "CPU", "GPU", "Memory", "Storage", "Bandwidth", "WASM", "Docker", "K8S")
        .comment("Resource codes 0-7, in code order")
    Enum("pool_status", "active", "paused", "deprecated")
    Enum("node_status", "online", "offline", "maintenance", "slashed")
    Enum("offer_status", "open", "partially_filled", "filled", "cancelled", "expired")
    Enum("membership_role", "liquidity_provider", "compute_provider")
    Enum("challenge_type", "availability", "performance", "integrity", "latency")
    Enum("challenge_status", "pending", "passed", "failed", "expired")
    Enum("reward_type", "trading_fee", "liquidity_mining", "challenge", "uptime")
    Enum("liquidity_event_type", "add", "remove")
    Enum("allocation_status", "pending", "active", "completed", "terminated")

    Domain("uint256", .numeric(78, 0))
        .check("VALUE >= 0 AND VALUE < 115792089237316195423570985008687907853269984665640564039457584007913129639936")
        .comment("An unsigned 256-bit integer (wei)")

    updatedAtFunction("update_updated_at")

    // MARK: Core tables

    Table("compute_pools") {
        Column("id", .uuid).primaryKey().default("uuid_generate_v4()")
        Column("name", .varchar(100)).notNull().unique()
        Column("resource_type", .type("resource_type")).notNull()
        Column("resource_reserve", .numeric(78, 0)).notNull().default("0").check("resource_reserve >= 0")
        Column("token_reserve", .numeric(78, 0)).notNull().default("0").check("token_reserve >= 0")
        Column("total_lp_tokens", .numeric(78, 0)).notNull().default("0").check("total_lp_tokens >= 0")
        Column("fee_rate", .numeric(5, 4)).notNull().default("0.0030").check("fee_rate >= 0 AND fee_rate < 1")
        Column("volume_24h", .numeric(78, 0)).notNull().default("0")
        Column("total_volume", .numeric(78, 0)).notNull().default("0")
        Column("apr", .numeric(10, 4)).notNull().default("0")
        Column("status", .type("pool_status")).notNull().default("'active'")
        Column("metadata", .jsonb).notNull().default("'{}'::jsonb")
        Column("created_at", .timestamptz).notNull().default("now()")
        Column("updated_at", .timestamptz).notNull().default("now()")
        Index("idx_compute_pools_resource_type", on: "resource_type")
        Index("idx_compute_pools_status", on: "status")
        Index("idx_compute_pools_volume", on: .desc("volume_24h"))
        Index("idx_compute_pools_apr", on: .desc("apr")).where("status = 'active'")
        Trigger("trg_compute_pools_updated_at", .before, .update, execute: "update_updated_at")
    }.comment("AMM liquidity pools for compute resources")

    Table("compute_nodes") {
        Column("id", .uuid).primaryKey().default("uuid_generate_v4()")
        Column("owner_address", .varchar(42)).notNull()
        Column("name", .varchar(100)).notNull()
        Column("endpoint", .text)
        Column("region", .varchar(50))
        Column("capabilities", .jsonb).notNull().default("'{}'::jsonb")
        Column("supported_resources", .array(.type("resource_type"))).notNull().default("'{}'")
        Column("status", .type("node_status")).notNull().default("'offline'")
        Column("reputation_score", .numeric(5, 2)).notNull().default("100.00")
            .check("reputation_score >= 0 AND reputation_score <= 100")
        Column("stake_amount", .numeric(78, 0)).notNull().default("0").check("stake_amount >= 0")
        Column("total_uptime_seconds", .bigint).notNull().default("0")
        Column("last_heartbeat_at", .timestamptz)
        Column("created_at", .timestamptz).notNull().default("now()")
        Column("updated_at", .timestamptz).notNull().default("now()")
        Unique("owner_address", "name")
        Index("idx_compute_nodes_owner", on: "owner_address")
        Index("idx_compute_nodes_status", on: "status")
        Index("idx_compute_nodes_heartbeat", on: .desc("last_heartbeat_at").nullsLast())
        Index("idx_compute_nodes_capabilities", on: .column("capabilities").opclass("jsonb_path_ops")).using(.gin)
        Trigger("trg_compute_nodes_updated_at", .before, .update, execute: "update_updated_at")
    }.comment("Registered compute providers")

    Table("compute_offers") {
        Column("id", .uuid).primaryKey().default("uuid_generate_v4()")
        Column("node_id", .uuid).notNull().references("compute_nodes", onDelete: .cascade)
        Column("pool_id", .uuid).references("compute_pools", onDelete: .setNull)
        Column("resource_type", .type("resource_type")).notNull()
        Column("amount", .numeric(78, 0)).notNull().check("amount > 0")
        Column("filled_amount", .numeric(78, 0)).notNull().default("0")
        Column("price_per_unit", .numeric(78, 0)).notNull().check("price_per_unit > 0")
        Column("min_duration_seconds", .integer).notNull().default("3600")
        Column("max_duration_seconds", .integer)
        Column("status", .type("offer_status")).notNull().default("'open'")
        Column("expires_at", .timestamptz)
        Column("created_at", .timestamptz).notNull().default("now()")
        Column("updated_at", .timestamptz).notNull().default("now()")
        Check("compute_offers_filled_within_amount", "filled_amount >= 0 AND filled_amount <= amount")
        Check("compute_offers_duration_range",
              "max_duration_seconds IS NULL OR max_duration_seconds >= min_duration_seconds")
        Index("idx_compute_offers_node", on: "node_id")
        Index("idx_compute_offers_book", on: "resource_type", "price_per_unit")
            .where("status IN ('open', 'partially_filled')")
        Index("idx_compute_offers_status", on: "status", .desc("created_at"))
        Trigger("trg_compute_offers_updated_at", .before, .update, execute: "update_updated_at")
    }.comment("Order book entries from providers")

    Table("pool_memberships") {
        Column("id", .uuid).primaryKey().default("uuid_generate_v4()")
        Column("pool_id", .uuid).notNull().references("compute_pools", onDelete: .cascade)
        Column("member_address", .varchar(42)).notNull()
        Column("node_id", .uuid).references("compute_nodes", onDelete: .setNull)
        Column("role", .type("membership_role")).notNull()
        Column("lp_tokens", .numeric(78, 0)).notNull().default("0").check("lp_tokens >= 0")
        Column("resource_contributed", .numeric(78, 0)).notNull().default("0")
        Column("token_contributed", .numeric(78, 0)).notNull().default("0")
        Column("entry_price", .numeric(78, 0))
        Column("rewards_claimed", .numeric(78, 0)).notNull().default("0")
        Column("stake_amount", .numeric(78, 0)).notNull().default("0")
        Column("joined_at", .timestamptz).notNull().default("now()")
        Column("updated_at", .timestamptz).notNull().default("now()")
        Unique("pool_id", "member_address", "role")
        Index("idx_pool_memberships_member", on: "member_address")
        Index("idx_pool_memberships_pool_lp", on: "pool_id", .desc("lp_tokens")).include("member_address")
        Trigger("trg_pool_memberships_updated_at", .before, .update, execute: "update_updated_at")
    }.comment("LP positions and provider stakes")

    Table("challenges") {
        Column("id", .uuid).primaryKey().default("uuid_generate_v4()")
        Column("node_id", .uuid).notNull().references("compute_nodes", onDelete: .cascade)
        Column("pool_id", .uuid).references("compute_pools", onDelete: .setNull)
        Column("challenge_type", .type("challenge_type")).notNull()
        Column("challenge_data", .jsonb).notNull().default("'{}'::jsonb")
        Column("response_data", .jsonb)
        Column("score", .numeric(5, 2)).check("score >= 0 AND score <= 100")
        Column("status", .type("challenge_status")).notNull().default("'pending'")
        Column("deadline_at", .timestamptz).notNull().default("now() + interval '5 minutes'")
        Column("responded_at", .timestamptz)
        Column("created_at", .timestamptz).notNull().default("now()")
        Index("idx_challenges_node", on: "node_id", .desc("created_at"))
        Index("idx_challenges_pending_deadline", on: "deadline_at").where("status = 'pending'")
    }.comment("SLA verification challenges")

    Table("rewards") {
        Column("id", .uuid).primaryKey().default("uuid_generate_v4()")
        Column("recipient_address", .varchar(42)).notNull()
        Column("pool_id", .uuid).references("compute_pools", onDelete: .setNull)
        Column("membership_id", .uuid).references("pool_memberships", onDelete: .setNull)
        Column("challenge_id", .uuid).references("challenges", onDelete: .setNull)
        Column("reward_type", .type("reward_type")).notNull()
        Column("amount", .numeric(78, 0)).notNull().check("amount > 0")
        Column("epoch", .integer).notNull()
        Column("tx_hash", .varchar(66))
        Column("claimed", .boolean).notNull().default("false")
        Column("claimed_at", .timestamptz)
        Column("created_at", .timestamptz).notNull().default("now()")
        Check("rewards_claimed_has_time", "NOT claimed OR claimed_at IS NOT NULL")
        Index("idx_rewards_recipient", on: "recipient_address", .desc("created_at"))
        Index("idx_rewards_unclaimed", on: "recipient_address").where("NOT claimed")
        Index("idx_rewards_pool_epoch", on: "pool_id", "epoch")
    }.comment("Reward distributions to participants")

    // MARK: Trades and history

    Table("trades") {
        Column("id", .uuid).primaryKey().default("uuid_generate_v4()")
        Column("pool_id", .uuid).notNull().references("compute_pools", onDelete: .restrict)
        Column("offer_id", .uuid).references("compute_offers", onDelete: .setNull)
        Column("trader_address", .varchar(42)).notNull()
        Column("is_buy", .boolean).notNull()
        Column("source", .varchar(16)).notNull().default("'amm'").check("source IN ('amm', 'orderbook')")
        Column("resource_amount", .numeric(78, 0)).notNull().check("resource_amount > 0")
        Column("token_amount", .numeric(78, 0)).notNull().check("token_amount > 0")
        Column("price", .numeric(78, 0)).notNull()
        Column("fee_amount", .numeric(78, 0)).notNull().default("0")
        Column("price_impact", .numeric(10, 6))
        Column("tx_hash", .varchar(66))
        Column("block_number", .bigint)
        Column("executed_at", .timestamptz).notNull().default("now()")
        Index("idx_trades_pool_time", on: "pool_id", .desc("executed_at"))
        Index("idx_trades_trader", on: "trader_address", .desc("executed_at"))
        Index("idx_trades_tx_hash", on: "tx_hash").unique().where("tx_hash IS NOT NULL")
        Index("idx_trades_executed_brin", on: "executed_at").using(.brin)
    }.comment("All executed trades")

    // One-minute candles, and their hourly and daily aggregates, share a shape.
    for (table, span) in [("price_snapshots", "1-minute"), ("price_snapshots_hourly", "Hourly"),
                          ("price_snapshots_daily", "Daily")] {
        Table(table) {
            Column("id", .bigint).primaryKey().identity()
            Column("pool_id", .uuid).notNull().references("compute_pools", onDelete: .cascade)
            Column("open_price", .numeric(78, 0)).notNull()
            Column("high_price", .numeric(78, 0)).notNull()
            Column("low_price", .numeric(78, 0)).notNull()
            Column("close_price", .numeric(78, 0)).notNull()
            Column("volume", .numeric(78, 0)).notNull().default("0")
            Column("trade_count", .integer).notNull().default("0")
            Column("resource_reserve", .numeric(78, 0))
            Column("token_reserve", .numeric(78, 0))
            Column("snapshot_at", .timestamptz).notNull()
            Unique("pool_id", "snapshot_at")
            Check("\(table)_high_low", "high_price >= low_price")
            Index("idx_\(table)_time", on: .desc("snapshot_at"))
        }.comment("\(span) price candles")
    }

    Table("liquidity_events") {
        Column("id", .uuid).primaryKey().default("uuid_generate_v4()")
        Column("pool_id", .uuid).notNull().references("compute_pools", onDelete: .cascade)
        Column("membership_id", .uuid).references("pool_memberships", onDelete: .setNull)
        Column("provider_address", .varchar(42)).notNull()
        Column("event_type", .type("liquidity_event_type")).notNull()
        Column("resource_amount", .numeric(78, 0)).notNull().default("0")
        Column("token_amount", .numeric(78, 0)).notNull().default("0")
        Column("lp_tokens", .numeric(78, 0)).notNull().default("0")
        Column("tx_hash", .varchar(66))
        Column("created_at", .timestamptz).notNull().default("now()")
        Index("idx_liquidity_events_pool", on: "pool_id", .desc("created_at"))
        Index("idx_liquidity_events_provider", on: "provider_address")
    }.comment("Add/remove liquidity events")

    Table("resource_allocations") {
        Column("id", .uuid).primaryKey().default("uuid_generate_v4()")
        Column("offer_id", .uuid).references("compute_offers", onDelete: .setNull)
        Column("trade_id", .uuid).references("trades", onDelete: .setNull)
        Column("node_id", .uuid).notNull().references("compute_nodes", onDelete: .restrict)
        Column("pool_id", .uuid).references("compute_pools", onDelete: .setNull)
        Column("consumer_address", .varchar(42)).notNull()
        Column("resource_type", .type("resource_type")).notNull()
        Column("amount", .numeric(78, 0)).notNull().check("amount > 0")
        Column("price_paid", .numeric(78, 0)).notNull().default("0")
        Column("status", .type("allocation_status")).notNull().default("'pending'")
        Column("starts_at", .timestamptz).notNull().default("now()")
        Column("ends_at", .timestamptz).notNull()
        Column("created_at", .timestamptz).notNull().default("now()")
        Column("updated_at", .timestamptz).notNull().default("now()")
        Check("resource_allocations_time_order", "ends_at > starts_at")
        Index("idx_resource_allocations_node_active", on: "node_id").where("status = 'active'")
        Index("idx_resource_allocations_consumer", on: "consumer_address", .desc("created_at"))
        Trigger("trg_resource_allocations_updated_at", .before, .update, execute: "update_updated_at")
    }.comment("Active compute allocations")

    // MARK: Views

    View("v_active_pools", """
        SELECT p.id, p.name, p.resource_type, p.resource_reserve, p.token_reserve, p.total_lp_tokens,
               p.fee_rate, p.volume_24h, p.apr,
               CASE WHEN p.resource_reserve > 0 THEN p.token_reserve / p.resource_reserve ELSE 0 END AS spot_price,
               p.token_reserve * 2 AS tvl,
               (SELECT count(*) FROM pool_memberships m WHERE m.pool_id = p.id) AS member_count
          FROM compute_pools p
         WHERE p.status = 'active'
        """).comment("Active pools with computed metrics")

    View("v_user_portfolio", """
        SELECT m.member_address, m.pool_id, p.name AS pool_name, p.resource_type, m.role, m.lp_tokens,
               CASE WHEN p.total_lp_tokens > 0
                    THEN (m.lp_tokens * p.resource_reserve) / p.total_lp_tokens ELSE 0 END AS resource_share,
               CASE WHEN p.total_lp_tokens > 0
                    THEN (m.lp_tokens * p.token_reserve) / p.total_lp_tokens ELSE 0 END AS token_share,
               m.rewards_claimed, m.joined_at
          FROM pool_memberships m
          JOIN compute_pools p ON p.id = m.pool_id
         WHERE m.lp_tokens > 0
        """).comment("User liquidity positions")

    View("v_node_performance", """
        SELECT n.id AS node_id, n.name, n.owner_address, n.status, n.reputation_score,
               count(c.id) AS total_challenges,
               count(c.id) FILTER (WHERE c.status = 'passed') AS passed_challenges,
               count(c.id) FILTER (WHERE c.status = 'failed') AS failed_challenges,
               avg(c.score) AS avg_score,
               n.total_uptime_seconds, n.last_heartbeat_at
          FROM compute_nodes n
          LEFT JOIN challenges c ON c.node_id = n.id
         GROUP BY n.id
        """).comment("Node performance summary")

    View("v_pool_leaderboard", """
        SELECT a.id, a.name, a.resource_type, a.tvl, a.volume_24h, a.apr, a.member_count,
               rank() OVER (ORDER BY a.volume_24h DESC) AS volume_rank,
               rank() OVER (ORDER BY a.apr DESC) AS apr_rank
          FROM v_active_pools a
        """).comment("Pool rankings")

    // MARK: AMM, routing, rewards and challenge functions

    Function("calculate_swap_output", Arg("p_pool_id", .uuid), Arg("p_amount_in", .decimal),
             Arg("p_is_buying", .boolean),
             returns: .table(("amount_out", .decimal), ("fee", .decimal), ("price_impact", .decimal)),
             volatility: .stable, body: """
        DECLARE
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
        END;
        """)

    Function("calculate_lp_tokens_to_mint", Arg("p_pool_id", .uuid), Arg("p_resource_amount", .decimal),
             Arg("p_token_amount", .decimal), returns: .type(.decimal), volatility: .stable, body: """
        DECLARE
            v_pool compute_pools%ROWTYPE;
        BEGIN
            SELECT * INTO v_pool FROM compute_pools WHERE id = p_pool_id;
            IF v_pool.total_lp_tokens = 0 THEN
                RETURN trunc(sqrt(p_resource_amount * p_token_amount));
            END IF;
            RETURN trunc(least(p_resource_amount * v_pool.total_lp_tokens / v_pool.resource_reserve,
                               p_token_amount * v_pool.total_lp_tokens / v_pool.token_reserve));
        END;
        """)

    Function("calculate_liquidity_removal", Arg("p_pool_id", .uuid), Arg("p_lp_tokens", .decimal),
             returns: .table(("resource_amount", .decimal), ("token_amount", .decimal)),
             volatility: .stable, body: """
        BEGIN
            RETURN QUERY
            SELECT trunc(p_lp_tokens * p.resource_reserve / p.total_lp_tokens),
                   trunc(p_lp_tokens * p.token_reserve / p.total_lp_tokens)
              FROM compute_pools p
             WHERE p.id = p_pool_id AND p.total_lp_tokens > 0;
        END;
        """)

    Function("calculate_impermanent_loss", Arg("p_entry_price", .decimal), Arg("p_current_price", .decimal),
             returns: .type(.decimal), language: .sql, volatility: .immutable, strict: true, body: """
        SELECT 2 * sqrt(p_current_price / p_entry_price) / (1 + p_current_price / p_entry_price) - 1
        """)

    Function("get_best_price", Arg("p_resource_type", .type("resource_type")),
             Arg("p_is_buying", .boolean), Arg("p_amount", .decimal),
             returns: .table(("source", .text), ("price", .decimal), ("pool_id", .uuid), ("offer_id", .uuid)),
             volatility: .stable, body: """
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
        """)

    Function("calculate_trading_fee_rewards", Arg("p_membership_id", .uuid), returns: .type(.decimal),
             volatility: .stable, body: """
        DECLARE
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
        END;
        """)

    Function("calculate_pool_apr", Arg("p_pool_id", .uuid), returns: .type(.decimal), volatility: .stable,
             body: """
        DECLARE
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
        END;
        """)

    Function("create_challenge", Arg("p_node_id", .uuid), Arg("p_pool_id", .uuid),
             Arg("p_type", .type("challenge_type")), Arg("p_data", .jsonb, default: "'{}'::jsonb"),
             returns: .type(.uuid), body: """
        DECLARE
            v_id uuid;
        BEGIN
            INSERT INTO challenges (node_id, pool_id, challenge_type, challenge_data)
            VALUES (p_node_id, p_pool_id, p_type, p_data)
            RETURNING id INTO v_id;
            RETURN v_id;
        END;
        """)

    Function("process_challenge_response", Arg("p_challenge_id", .uuid), Arg("p_response", .jsonb),
             Arg("p_score", .decimal), returns: .type(.boolean), body: """
        DECLARE
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
        END;
        """)

    Function("fail_expired_challenges", returns: .type(.integer), body: """
        DECLARE
            v_count integer;
        BEGIN
            UPDATE challenges SET status = 'expired' WHERE status = 'pending' AND deadline_at <= now();
            GET DIAGNOSTICS v_count = ROW_COUNT;
            RETURN v_count;
        END;
        """)
}
