import SchemaDSL

/// A table with a column of every type in the README's type mapping; its generated struct is in
/// Tests/SchemaGenTests/Generated and is what the runtime tests write and read.
let typeCoverage = Database("type_coverage") {
    Enum("mood", "calm", "in_a_hurry", "ÜBER")
    Domain("gnk_amount", .numeric(20, 8))

    Table("samples") {
        Column("id", .bigint).primaryKey()
        Column("uuid_value", .uuid)
        Column("text_value", .text)
        Column("varchar_value", .varchar(20))
        Column("char_value", .char(3))
        Column("smallint_value", .smallint)
        Column("integer_value", .integer)
        Column("bigint_value", .bigint)
        Column("boolean_value", .boolean)
        Column("real_value", .real)
        Column("double_value", .doublePrecision)
        Column("timestamptz_value", .timestamptz)
        Column("timestamp_value", .timestamp)
        Column("date_value", .date)
        Column("jsonb_value", .jsonb)
        Column("json_value", .json)
        Column("bytea_value", .bytea)
        Column("text_array", .array(.text))
        Column("integer_array", .array(.integer))
        Column("mood_array", .array(.type("mood")))
        Column("mood_value", .type("mood"))
        Column("wei", .numeric(78, 0)).comment("uint256 wei: up to 2^256−1, and signed to ±(10^78−1)")
        Column("amount", .numeric(20, 8))
        Column("domain_amount", .type("gnk_amount"))
        Column("any_numeric", .decimal)
        Column("interval_value", .interval)
        Column("inet_value", .inet)
        Column("row_version", .bigint).identity(.always)
    }.comment("One column of each mapped type.")
}
