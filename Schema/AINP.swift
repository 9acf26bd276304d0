import SchemaDSL

/// AINP: agents that discover each other, negotiate work in rounds, prove useful work
/// (Web4 POU-lite) and are paid from a credit ledger. The state machine of a negotiation is
/// initiated → proposed → counter_proposed → accepted | rejected | expired.
public let ainp = Database("ainp") {
    Extension("pgcrypto")

    Function("update_negotiations_timestamp", returns: .trigger, body: """
        BEGIN
            NEW.updated_at = NOW();
            RETURN NEW;
        END;
        """).comment("Keeps negotiations.updated_at current")

    Function("expire_stale_negotiations", returns: .type(.integer), body: """
        DECLARE
            expired_count integer;
        BEGIN
            UPDATE negotiations
               SET state = 'expired'
             WHERE expires_at < NOW()
               AND state NOT IN ('accepted', 'rejected', 'expired');
            GET DIAGNOSTICS expired_count = ROW_COUNT;
            RETURN expired_count;
        END;
        """).comment("Marks expired negotiations; returns how many")

    // Migrations 001 (registration fields), 002 (trust scores) and 007 (usefulness cache).
    Table("agents") {
        Column("id", .uuid).primaryKey().default("gen_random_uuid()")
        Column("did", .text).notNull().unique()
        Column("name", .text).notNull()
        Column("description", .text)
        Column("public_key", .text).notNull()
        Column("endpoint", .text)
        Column("capabilities", .jsonb).notNull().default("'[]'::jsonb")
        Column("tags", .array(.text)).notNull().default("'{}'::text[]")
        Column("version", .varchar(32))
        Column("registered_at", .timestamptz).notNull().default("NOW()")
        Column("last_seen_at", .timestamptz)
        Column("trust_score", .numeric(5, 4)).notNull().default("0.5")
            .check("trust_score >= 0 AND trust_score <= 1")
        Column("usefulness_score_cached", .decimal).default("0")
            .comment("30-day rolling average usefulness score")
        Column("usefulness_last_updated", .timestamptz)
        Index("idx_agents_capabilities", on: "capabilities").using(.gin)
        Index("idx_agents_usefulness", on: .desc("usefulness_score_cached"), .desc("trust_score"))
            .comment("Discovery ranking (usefulness + trust)")
    }.comment("Registered agents")

    Table("trust_scores") {
        Column("agent_did", .text).primaryKey().references("agents", "did", onDelete: .cascade)
        Column("reliability", .numeric(5, 4)).notNull().default("0.5")
        Column("honesty", .numeric(5, 4)).notNull().default("0.5")
        Column("competence", .numeric(5, 4)).notNull().default("0.5")
        Column("timeliness", .numeric(5, 4)).notNull().default("0.5")
        Column("interaction_count", .integer).notNull().default("0")
        Column("decay_rate", .numeric(5, 4)).notNull().default("0.977")
        Column("last_updated", .timestamptz).notNull().default("NOW()")
        Check("trust_scores_dimensions_range", """
            reliability BETWEEN 0 AND 1 AND honesty BETWEEN 0 AND 1 \
            AND competence BETWEEN 0 AND 1 AND timeliness BETWEEN 0 AND 1
            """)
    }.comment("Per-dimension trust of each agent")

    Table("negotiations") {
        Column("id", .uuid).primaryKey().default("gen_random_uuid()")
        Column("intent_id", .uuid).notNull()
        Column("initiator_did", .text).notNull()
        Column("responder_did", .text).notNull()
        Column("state", .text).notNull().default("'initiated'").check(
            "state IN ('initiated', 'proposed', 'counter_proposed', 'accepted', 'rejected', 'expired')")
        Column("rounds", .jsonb).notNull().default("'[]'::jsonb")
        Column("convergence_score", .decimal).default("0")
            .check("convergence_score >= 0 AND convergence_score <= 1")
        Column("current_proposal", .jsonb)
        Column("final_proposal", .jsonb)
        Column("incentive_split", .jsonb).notNull()
            .default(#"'{"agent": 0.70, "broker": 0.10, "validator": 0.10, "pool": 0.10}'::jsonb"#)
        Column("max_rounds", .integer).notNull().default("10").check("max_rounds >= 1 AND max_rounds <= 20")
        Column("created_at", .timestamptz).notNull().default("NOW()")
        Column("expires_at", .timestamptz).notNull()
        Column("updated_at", .timestamptz).notNull().default("NOW()")
        Check("negotiation_participants_different", "initiator_did <> responder_did")
        Index("idx_negotiations_intent", on: "intent_id")
        Index("idx_negotiations_initiator", on: "initiator_did", .desc("created_at"))
        Index("idx_negotiations_responder", on: "responder_did", .desc("created_at"))
        Index("idx_negotiations_state", on: "state")
        Index("idx_negotiations_expires", on: "expires_at")
            .where("state NOT IN ('accepted', 'rejected', 'expired')")
        Index("idx_negotiations_convergence", on: .desc("convergence_score"))
            .where("state NOT IN ('accepted', 'rejected', 'expired')")
        Trigger("negotiations_updated_at", .before, .update, execute: "update_negotiations_timestamp")
    }.comment("Multi-round negotiation sessions between agents")

    Table("usefulness_proofs") {
        Column("id", .uuid).primaryKey().default("gen_random_uuid()")
        Column("intent_id", .uuid).notNull()
        Column("agent_did", .text).notNull().references("agents", "did", onDelete: .cascade)
        Column("work_type", .text).notNull()
            .check("work_type IN ('compute', 'memory', 'routing', 'validation', 'learning')")
        Column("metrics", .jsonb).notNull()
        Column("attestations", .array(.text))
        Column("trace_id", .text).notNull()
        Column("usefulness_score", .decimal).notNull()
            .check("usefulness_score >= 0 AND usefulness_score <= 100")
        Column("created_at", .timestamptz).notNull().default("NOW()")
        Index("idx_usefulness_agent", on: "agent_did", .desc("created_at"))
        Index("idx_usefulness_intent", on: "intent_id")
        Index("idx_usefulness_work_type", on: "work_type")
        Index("idx_usefulness_score", on: .desc("usefulness_score"))
        Index("idx_usefulness_trace", on: "trace_id")
        Index("idx_usefulness_agent_score", on: "agent_did", .desc("usefulness_score"))
        Index("idx_usefulness_metrics", on: "metrics").using(.gin)
    }.comment("Proofs of useful agent work (Web4 POU-lite)")

    // Migration 009: the credit ledger. Amounts are whole credits.
    Table("credit_accounts") {
        Column("agent_did", .text).primaryKey().references("agents", "did", onDelete: .cascade)
        Column("balance", .bigint).notNull().default("0").check("balance >= 0")
        Column("reserved", .bigint).notNull().default("0").check("reserved >= 0")
        Column("earned", .bigint).notNull().default("0")
        Column("spent", .bigint).notNull().default("0")
        Column("created_at", .timestamptz).notNull().default("NOW()")
        Column("updated_at", .timestamptz).notNull().default("NOW()")
        Check("credit_accounts_reserved_within_balance", "reserved <= balance")
        Index("idx_credit_accounts_balance", on: .desc("balance"))
    }.comment("Agent credit balances")

    Table("credit_transactions") {
        Column("id", .uuid).primaryKey().default("gen_random_uuid()")
        Column("agent_did", .text).notNull().references("credit_accounts", onDelete: .cascade)
        Column("tx_type", .text).notNull()
            .check("tx_type IN ('deposit', 'earn', 'reserve', 'release', 'spend')")
        Column("amount", .bigint).notNull().check("amount > 0")
        Column("balance_after", .bigint).notNull()
        Column("intent_id", .uuid)
        Column("usefulness_proof_id", .uuid).references("usefulness_proofs", onDelete: .setNull)
        Column("description", .text)
        Column("created_at", .timestamptz).notNull().default("NOW()")
        Index("idx_credit_tx_agent", on: "agent_did", .desc("created_at"))
        Index("idx_credit_tx_intent", on: "intent_id").where("intent_id IS NOT NULL")
        Index("idx_credit_tx_type", on: "tx_type", .desc("created_at"))
    }.comment("Credit ledger: deposits, earnings, reservations, releases and spending")
}
