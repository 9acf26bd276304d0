import SchemaDSL

public let shop = Database("shop") {
    Extension("pgcrypto")
    Enum("order_status", "pending", "paid", "shipped")

    Table("customers") {
        Column("id", .uuid).primaryKey().default("gen_random_uuid()")
        Column("email", .varchar(255)).notNull().unique()
    }

    Table("orders") {
        Column("id", .bigint).primaryKey().identity()
        Column("customer_id", .uuid).notNull().references("customers", onDelete: .cascade)
        Column("status", .type("order_status")).notNull().default("'pending'")
        Column("total_wei", .numeric(78, 0)).notNull().check("total_wei >= 0")
        Column("created_at", .timestamptz).notNull().default("now()")
    }

    View("open_orders", "SELECT id, customer_id FROM orders WHERE status <> 'shipped'").securityInvoker()
}
