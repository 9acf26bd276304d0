import SchemaDSL

/// api.8004.dev: user-defined triggers over ERC-8004 registry events (identity, reputation,
/// validation), their conditions, actions and state, the event log, indexer checkpoints and
/// an audit trail of executed actions.
public let erc8004 = Database("erc8004") {
    Extension("pgcrypto")

    updatedAtFunction("update_updated_at_column").comment("Sets updated_at on every UPDATE")

    Function("notify_new_event", returns: .trigger, body: """
        BEGIN
            PERFORM pg_notify('new_event', json_build_object(
                'id', NEW.id,
                'chain_id', NEW.chain_id,
                'registry', NEW.registry,
                'event_type', NEW.event_type,
                'block_number', NEW.block_number
            )::text);
            RETURN NEW;
        END;
        """).comment("Publishes each new event on the new_event channel")

    Table("users") {
        Column("id", .uuid).primaryKey().default("gen_random_uuid()")
        Column("username", .varchar(50)).notNull().unique()
        Column("email", .varchar(255)).notNull().unique()
        Column("password_hash", .text).notNull()
        Column("api_key_hash", .text)
        Column("is_active", .boolean).notNull().default("true")
        Column("created_at", .timestamptz).notNull().default("NOW()")
        Column("updated_at", .timestamptz).notNull().default("NOW()")
        Index("idx_users_email_lower", on: .expression("lower((email)::text)"))
        Index("idx_users_api_key_hash", on: "api_key_hash").unique().where("api_key_hash IS NOT NULL")
        Trigger("update_users_updated_at", .before, .update, execute: "update_updated_at_column")
    }.comment("User accounts for API authentication")

    Table("triggers") {
        Column("id", .uuid).primaryKey().default("gen_random_uuid()")
        Column("user_id", .uuid).notNull().references("users", onDelete: .cascade)
        Column("name", .varchar(255)).notNull()
        Column("description", .text)
        Column("chain_id", .integer).notNull()
        Column("registry", .varchar(50)).notNull()
            .check("registry IN ('identity', 'reputation', 'validation')")
        Column("enabled", .boolean).notNull().default("true")
        Column("is_stateful", .boolean).notNull().default("false")
        Column("created_at", .timestamptz).notNull().default("NOW()")
        Column("updated_at", .timestamptz).notNull().default("NOW()")
        Index("idx_triggers_user_id", on: "user_id")
        Index("idx_triggers_registry_chain", on: "registry", "chain_id").where("enabled = true")
        Trigger("update_triggers_updated_at", .before, .update, execute: "update_updated_at_column")
    }.comment("User-defined trigger configurations")

    Table("trigger_conditions") {
        Column("id", .uuid).primaryKey().default("gen_random_uuid()")
        Column("trigger_id", .uuid).notNull().references("triggers", onDelete: .cascade)
        Column("condition_type", .varchar(100)).notNull()
        Column("field", .varchar(255)).notNull()
        Column("operator", .varchar(20)).notNull()
            .check("operator IN ('=', '!=', '>', '>=', '<', '<=', 'contains', 'in')")
        Column("value", .text).notNull()
        Column("config", .jsonb)
        Column("created_at", .timestamptz).notNull().default("NOW()")
        Index("idx_trigger_conditions_trigger_id", on: "trigger_id")
    }.comment("Matching conditions for triggers")

    Table("trigger_actions") {
        Column("id", .uuid).primaryKey().default("gen_random_uuid()")
        Column("trigger_id", .uuid).notNull().references("triggers", onDelete: .cascade)
        Column("action_type", .varchar(50)).notNull().check("action_type IN ('telegram', 'rest', 'mcp')")
        Column("priority", .integer).notNull().default("0")
        Column("config", .jsonb).notNull()
        Column("created_at", .timestamptz).notNull().default("NOW()")
        Index("idx_trigger_actions_trigger_id", on: "trigger_id", "priority")
    }.comment("Actions to execute when triggers match")

    Table("trigger_state") {
        Column("trigger_id", .uuid).primaryKey().references("triggers", onDelete: .cascade)
        Column("state_data", .jsonb).notNull().default("'{}'::jsonb")
        Column("last_updated", .timestamptz).notNull().default("NOW()")
    }.comment("State storage for stateful triggers (EMA, counters)")

    // TimescaleDB is not available here: the events hypertable (7-day chunks) is declared as a
    // native table range-partitioned on created_at, one partition a month plus a default one.
    Table("events") {
        Column("id", .uuid).notNull().default("gen_random_uuid()")
        Column("chain_id", .integer).notNull()
        Column("block_number", .bigint).notNull()
        Column("block_hash", .varchar(66)).notNull()
        Column("transaction_hash", .varchar(66)).notNull()
        Column("log_index", .integer).notNull()
        Column("registry", .varchar(50)).notNull()
        Column("event_type", .varchar(100)).notNull()
        Column("agent_id", .text)
        Column("event_data", .jsonb).notNull().default("'{}'::jsonb")
        Column("created_at", .timestamptz).notNull().default("NOW()")
        PrimaryKey("id", "created_at")
        Unique("chain_id", "transaction_hash", "log_index", "created_at")
        Index("idx_events_registry_type", on: "registry", "event_type", .desc("created_at"))
        Index("idx_events_agent", on: "agent_id", .desc("created_at")).where("agent_id IS NOT NULL")
        Index("idx_events_block", on: "chain_id", .desc("block_number"))
        Index("idx_events_data", on: "event_data").using(.gin)
        Trigger("notify_new_event_trigger", .after, .insert, execute: "notify_new_event")
    }.partitioned(by: .range, "created_at").comment("Immutable log of blockchain events")

    for month in 1...12 {
        let from = "2025-\(month < 10 ? "0" : "")\(month)-01"
        let next = month == 12 ? "2026-01-01" : "2025-\(month + 1 < 10 ? "0" : "")\(month + 1)-01"
        Partition("events_" + String(from.prefix(7).map { $0 == "-" ? "_" : $0 }), of: "events",
                  values: "FROM ('\(from) 00:00:00+00') TO ('\(next) 00:00:00+00')")
    }
    Partition("events_default", of: "events", values: "DEFAULT")

    Table("checkpoints") {
        Column("chain_id", .integer).primaryKey()
        Column("last_block_number", .bigint).notNull().check("last_block_number >= 0")
        Column("last_block_hash", .varchar(66))
        Column("updated_at", .timestamptz).notNull().default("NOW()")
        Trigger("update_checkpoints_updated_at", .before, .update, execute: "update_updated_at_column")
    }.comment("Last processed block per chain")

    Table("action_results") {
        Column("id", .uuid).primaryKey().default("gen_random_uuid()")
        Column("trigger_id", .uuid).notNull().references("triggers", onDelete: .cascade)
        Column("event_id", .uuid).notNull()
        Column("action_type", .varchar(50)).notNull()
        Column("status", .varchar(20)).notNull().check("status IN ('success', 'failed', 'retrying')")
        Column("response_data", .jsonb)
        Column("error_message", .text)
        Column("duration_ms", .integer).check("duration_ms >= 0")
        Column("retry_count", .integer).notNull().default("0")
        Column("executed_at", .timestamptz).notNull().default("NOW()")
        Index("idx_action_results_trigger", on: "trigger_id", .desc("executed_at"))
        Index("idx_action_results_event", on: "event_id")
        Index("idx_action_results_failed", on: "executed_at").where("status = 'failed'")
    }.comment("Audit trail of action executions")

    Table("agent_mcp_tokens") {
        Column("id", .uuid).primaryKey().default("gen_random_uuid()")
        Column("agent_id", .text).notNull()
        Column("chain_id", .integer).notNull()
        Column("token_hash", .text).notNull()
        Column("server_url", .text)
        Column("expires_at", .timestamptz)
        Column("created_at", .timestamptz).notNull().default("NOW()")
        Column("updated_at", .timestamptz).notNull().default("NOW()")
        Unique("agent_id", "chain_id")
        Index("idx_agent_mcp_tokens_expires", on: "expires_at").where("expires_at IS NOT NULL")
        Trigger("update_agent_mcp_tokens_updated_at", .before, .update, execute: "update_updated_at_column")
    }.comment("Authentication tokens for agent MCP servers")
}
