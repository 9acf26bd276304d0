import SchemaDSL

/// MineGNK: users who run Gonka GPU nodes, their node requests, canonical node records,
/// cached tracker stats and daily earnings history. GNK amounts are DECIMAL(20,8):
/// up to 999,999,999,999.99999999 GNK, never a float.
public let mineGNK = Database("minegnk") {
    Extension("uuid-ossp")

    updatedAtFunction("update_updated_at_column")

    Table("users") {
        Column("id", .uuid).primaryKey().default("uuid_generate_v4()")
        Column("email", .varchar(255)).notNull().unique()
        Column("password_hash", .varchar(255)).notNull()
        Column("name", .varchar(100))
        Column("role", .varchar(20)).notNull().default("'user'").check("role IN ('user', 'admin')")
        Column("is_active", .boolean).notNull().default("true")
        Column("telegram", .varchar(100)).comment("Telegram username")
        Column("discord", .varchar(100)).comment("Discord username")
        Column("currency_preference", .varchar(10)).default("'USD'").comment("Preferred currency")
        Column("created_at", .timestamptz).notNull().default("now()")
        Column("updated_at", .timestamptz).notNull().default("now()")
        Index("idx_users_role", on: "role")
        Index("idx_users_is_active", on: "is_active").where("is_active = true")
        Trigger("trg_users_updated_at", .before, .update, execute: "update_updated_at_column")
    }

    Table("nodes") {
        Column("id", .uuid).primaryKey().default("uuid_generate_v4()")
        Column("identifier", .varchar(255)).notNull().unique()
        Column("identifier_type", .varchar(50)).notNull()
        Column("display_name", .varchar(100))
        Column("gpu_type", .varchar(50))
        Column("region", .varchar(100))
        Column("gcore_instance_id", .varchar(255))
        Column("created_at", .timestamptz).default("now()")
        Check("chk_identifier_type", "identifier_type IN ('wallet', 'node_id', 'operator', 'validator')")
        Index("idx_nodes_identifier", on: "identifier")
        Index("idx_nodes_gpu_type", on: "gpu_type")
    }.comment("Canonical node reference data, separate from user assignments")

    Table("user_nodes") {
        Column("id", .uuid).primaryKey().default("uuid_generate_v4()")
        Column("user_id", .uuid).notNull().references("users", onDelete: .cascade)
        Column("node_id", .uuid).references("nodes", onDelete: .setNull)
        Column("node_identifier", .varchar(255)).notNull()
        Column("label", .varchar(100))
        Column("gpu_type", .varchar(50))
        Column("is_active", .boolean).notNull().default("true")
        Column("created_at", .timestamptz).notNull().default("now()")
        Unique("user_id", "node_identifier")
        Index("idx_user_nodes_user_id", on: "user_id")
        Index("idx_user_nodes_active", on: "user_id").where("is_active = true")
    }

    Table("node_requests") {
        Column("id", .uuid).primaryKey().default("uuid_generate_v4()")
        Column("user_id", .uuid).notNull().references("users", onDelete: .cascade)
        Column("status", .varchar(20)).notNull().default("'pending'")
            .check("status IN ('pending', 'approved', 'rejected', 'completed')")
        Column("gpu_type", .varchar(50)).notNull()
        Column("gpu_count", .integer).notNull().default("1").check("gpu_count > 0")
        Column("region", .varchar(100))
        Column("message", .text)
        Column("admin_notes", .text)
        Column("created_at", .timestamptz).notNull().default("now()")
        Column("updated_at", .timestamptz).notNull().default("now()")
        Index("idx_requests_user_id", on: "user_id")
        Index("idx_requests_status", on: "status")
        Index("idx_requests_created_at", on: .desc("created_at"))
        Trigger("trg_node_requests_updated_at", .before, .update, execute: "update_updated_at_column")
    }

    Table("node_stats_cache") {
        Column("node_id", .uuid).primaryKey().references("nodes", onDelete: .cascade)
        Column("status", .varchar(50))
        Column("earnings_day", .numeric(20, 8))
        Column("earnings_total", .numeric(20, 8))
        Column("uptime_percent", .numeric(5, 2))
        Column("tokens_per_sec", .numeric(10, 2))
        Column("jobs_day", .integer)
        Column("active_model", .varchar(255))
        Column("voting_weight", .numeric(20, 8))
        Column("source", .varchar(50))
        Column("fetched_at", .timestamptz).default("now()")
        Index("idx_node_stats_fetched", on: "fetched_at")
        Index("idx_node_stats_status", on: "status")
    }.comment("Cached Gonka tracker data (1-5 min TTL)")

    Table("earnings_history") {
        Column("id", .uuid).primaryKey().default("uuid_generate_v4()")
        Column("node_id", .uuid).references("nodes", onDelete: .cascade)
        Column("date", .date).notNull()
        Column("earnings_gnk", .numeric(20, 8)).notNull()
        Column("source", .varchar(50))
        Column("created_at", .timestamptz).default("now()")
        Unique("node_id", "date")
        Index("idx_earnings_node_date", on: "node_id", .desc("date"))
        Index("idx_earnings_date", on: "date")
    }.comment("Daily earnings per node, for trend charts and verification")
}
