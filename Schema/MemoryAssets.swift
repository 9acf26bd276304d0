import SchemaDSL

/// The blockchain memory assets system: memory assets indexed on chain (content on Arweave),
/// batch minting, access grants, transfers, the minting queue, audit logs, versions, merkle
/// trees and cost tracking (Solana costs in lamports).
public let memoryAssets = Database("memory_assets") {
    Extension("pgcrypto")

    updatedAtFunction("update_updated_at_column")

    Table("memory_batches") {
        Column("batch_id", .uuid).primaryKey().default("gen_random_uuid()")
        Column("owner_address", .varchar(64)).notNull()
        Column("status", .varchar(20)).notNull().default("'pending'")
            .check("status IN ('pending', 'processing', 'completed', 'failed')")
        Column("asset_count", .integer).notNull().default("0").check("asset_count >= 0")
        Column("merkle_root", .varchar(64))
        Column("transaction_signature", .varchar(128))
        Column("total_cost_lamports", .bigint).notNull().default("0")
        Column("error_message", .text)
        Column("created_at", .timestamptz).notNull().default("NOW()")
        Column("completed_at", .timestamptz)
        Index("idx_memory_batches_owner", on: "owner_address", .desc("created_at"))
        Index("idx_memory_batches_status", on: "status")
        Index("idx_memory_batches_signature", on: "transaction_signature").unique()
            .where("transaction_signature IS NOT NULL")
    }.comment("Batch minting information")

    Table("memory_assets") {
        Column("asset_id", .varchar(64)).primaryKey()
        Column("owner_address", .varchar(64)).notNull()
        Column("batch_id", .uuid).references("memory_batches", onDelete: .setNull)
        Column("title", .text).notNull()
        Column("description", .text)
        Column("content_type", .varchar(100))
        Column("arweave_tx_id", .varchar(64)).notNull()
        Column("content_hash", .varchar(64)).notNull()
        Column("metadata", .jsonb).notNull().default("'{}'::jsonb")
        Column("tags", .array(.text)).notNull().default("'{}'::text[]")
        Column("version", .integer).notNull().default("1").check("version >= 1")
        Column("is_active", .boolean).notNull().default("true")
        Column("created_at", .timestamptz).notNull().default("NOW()")
        Column("updated_at", .timestamptz).notNull().default("NOW()")
        Index("idx_memory_assets_owner", on: "owner_address", .desc("created_at"))
        Index("idx_memory_assets_batch", on: "batch_id")
        Index("idx_memory_assets_tags", on: "tags").using(.gin)
        Index("idx_memory_assets_search", on: .expression(
            "to_tsvector('english'::regconfig, (title || ' '::text) || COALESCE(description, ''::text))"))
            .using(.gin)
        Trigger("update_memory_assets_updated_at", .before, .update, execute: "update_updated_at_column")
        RowLevelSecurity()
        Policy("owner_access", for: .all, using: "owner_address = current_setting('app.current_user', true)")
            .comment("Owners see and change only their own assets")
    }.comment("Indexed memory assets on blockchain")

    Table("access_grants") {
        Column("grant_id", .uuid).primaryKey().default("gen_random_uuid()")
        Column("asset_id", .varchar(64)).notNull().references("memory_assets", onDelete: .cascade)
        Column("grantor_address", .varchar(64)).notNull()
        Column("grantee_address", .varchar(64)).notNull()
        Column("permissions", .array(.text)).notNull().default("ARRAY['read'::text]")
        Column("max_uses", .integer).check("max_uses IS NULL OR max_uses > 0")
        Column("use_count", .integer).notNull().default("0")
        Column("expires_at", .timestamptz)
        Column("revoked_at", .timestamptz)
        Column("created_at", .timestamptz).notNull().default("NOW()")
        Check("access_grants_within_uses", "max_uses IS NULL OR use_count <= max_uses")
        Index("idx_access_grants_grantee_active", on: "grantee_address", "asset_id").where("revoked_at IS NULL")
        Index("idx_access_grants_asset", on: "asset_id")
    }.comment("Access control grants; time-limited and usage-limited")

    Table("transfer_history") {
        Column("transfer_id", .uuid).primaryKey().default("gen_random_uuid()")
        Column("asset_id", .varchar(64)).notNull().references("memory_assets", onDelete: .cascade)
        Column("from_address", .varchar(64)).notNull()
        Column("to_address", .varchar(64)).notNull()
        Column("transaction_signature", .varchar(128)).notNull().unique()
        Column("transferred_at", .timestamptz).notNull().default("NOW()")
        Check("transfer_history_distinct_parties", "from_address <> to_address")
        Index("idx_transfer_history_asset", on: "asset_id", .desc("transferred_at"))
    }.comment("Ownership transfer records")

    Table("minting_queue") {
        Column("queue_id", .uuid).primaryKey().default("gen_random_uuid()")
        Column("owner_address", .varchar(64)).notNull()
        Column("payload", .jsonb).notNull()
        Column("status", .varchar(20)).notNull().default("'pending'")
            .check("status IN ('pending', 'processing', 'completed', 'failed')")
        Column("priority", .smallint).notNull().default("0")
        Column("attempts", .integer).notNull().default("0")
        Column("last_error", .text)
        Column("batch_id", .uuid).references("memory_batches", onDelete: .setNull)
        Column("created_at", .timestamptz).notNull().default("NOW()")
        Column("completed_at", .timestamptz)
        Index("idx_minting_queue_pending", on: .desc("priority"), "created_at").where("status = 'pending'")
        Index("idx_minting_queue_completed", on: "completed_at").where("status = 'completed'")
    }.comment("Pending minting operations")

    Table("blockchain_audit_logs") {
        Column("log_id", .bigint).primaryKey().identity(.byDefault)
        Column("operation", .varchar(50)).notNull()
        Column("actor_address", .varchar(64))
        Column("asset_id", .varchar(64))
        Column("batch_id", .uuid)
        Column("transaction_signature", .varchar(128))
        Column("details", .jsonb).notNull().default("'{}'::jsonb")
        Column("ip_address", .inet)
        Column("timestamp", .timestamptz).notNull().default("NOW()")
        Index("idx_blockchain_audit_logs_timestamp", on: .desc("timestamp"))
        Index("idx_blockchain_audit_logs_actor", on: "actor_address", .desc("timestamp"))
    }.comment("Comprehensive audit trail of blockchain operations")

    Table("version_history") {
        Column("version_id", .uuid).primaryKey().default("gen_random_uuid()")
        Column("asset_id", .varchar(64)).notNull().references("memory_assets", onDelete: .cascade)
        Column("version", .integer).notNull()
        Column("arweave_tx_id", .varchar(64)).notNull()
        Column("content_hash", .varchar(64)).notNull()
        Column("change_summary", .text)
        Column("created_at", .timestamptz).notNull().default("NOW()")
        Unique("asset_id", "version")
    }.comment("Asset version tracking")

    Table("merkle_trees") {
        Column("tree_address", .varchar(64)).primaryKey()
        Column("authority_address", .varchar(64)).notNull()
        Column("max_depth", .integer).notNull().check("max_depth BETWEEN 3 AND 30")
        Column("max_buffer_size", .integer).notNull()
        Column("canopy_depth", .integer).notNull().default("0")
        Column("leaf_count", .bigint).notNull().default("0")
        Column("capacity", .bigint).generated("1::bigint << max_depth")
        Column("is_active", .boolean).notNull().default("true")
        Column("created_at", .timestamptz).notNull().default("NOW()")
        Index("idx_merkle_trees_active", on: "authority_address").where("is_active")
    }.comment("Merkle tree management for compressed minting")

    Table("cost_tracking") {
        Column("id", .bigint).primaryKey().identity(.byDefault)
        Column("wallet_address", .varchar(64)).notNull()
        Column("operation", .varchar(50)).notNull()
        Column("batch_id", .uuid).references("memory_batches", onDelete: .setNull)
        Column("transaction_fee_lamports", .bigint).notNull().default("0")
        Column("storage_cost_lamports", .bigint).notNull().default("0")
        Column("total_cost_lamports", .bigint)
            .generated("transaction_fee_lamports + storage_cost_lamports")
        Column("timestamp", .timestamptz).notNull().default("NOW()")
        Index("idx_cost_tracking_wallet_time", on: "wallet_address", .desc("timestamp"))
    }.comment("Cost analytics")

    View("active_memory_assets", """
        SELECT a.asset_id, a.owner_address, a.title, a.arweave_tx_id, a.created_at,
               b.status AS batch_status, b.transaction_signature,
               (SELECT count(*) FROM access_grants g
                 WHERE g.asset_id = a.asset_id AND g.revoked_at IS NULL
                   AND (g.expires_at IS NULL OR g.expires_at > now())) AS active_grant_count
          FROM memory_assets a
          LEFT JOIN memory_batches b ON b.batch_id = a.batch_id
         WHERE a.is_active
        """).securityInvoker()
        // security_invoker: the view reads memory_assets with the caller's rights, so its
        // owner_access policy applies to whoever queries the view.
        .comment("Active memory assets with batch information and grant counts")

    View("batch_statistics", """
        SELECT date_trunc('day', created_at)::date AS date,
               count(*) AS batch_count,
               count(*) FILTER (WHERE status = 'completed') AS completed_count,
               count(*) FILTER (WHERE status = 'failed') AS failed_count,
               sum(asset_count) AS assets_minted,
               sum(total_cost_lamports) AS total_cost_lamports
          FROM memory_batches
         GROUP BY 1
        """).comment("Daily statistics on batch minting operations")

    View("user_statistics", """
        SELECT a.owner_address,
               count(*) AS asset_count,
               count(DISTINCT a.batch_id) AS batch_count,
               min(a.created_at) AS first_minted_at,
               max(a.created_at) AS last_minted_at
          FROM memory_assets a
         GROUP BY a.owner_address
        """).comment("Per-user statistics on minting activity")

    // The service that indexes the chain reads and writes every table and takes ids from every
    // sequence; nobody else creates objects in `public` (the README's recommended permissions).
    Grant(.usage, on: .schema("public"), to: "blockchain_service")
    Grant(.select, .insert, .update, .delete, on: .allTables(in: "public"), to: "blockchain_service")
    Grant(.usage, .select, on: .allSequences(in: "public"), to: "blockchain_service")
    Revoke(.create, on: .schema("public"), from: "PUBLIC")
}
