import Catalog
import LibPQClient
import SQLRenderer
import SchemaModel
import SchemaDSL
import Testing

@Suite("Identifiers and literals survive hostile spellings")
struct QuotingTests {
    static let long63 = String(repeating: "t", count: 63)
    /// 31 two-byte characters and one byte: 63 bytes, 32 characters.
    static let longUnicode63 = String(repeating: "é", count: 31) + "x"

    @Test func quotesOnlyWhatNeedsIt() {
        #expect(quoteIdentifier("users") == "users")
        #expect(quoteIdentifier("user_2$") == "user_2$")
        #expect(quoteIdentifier("select") == "\"select\"")
        #expect(quoteIdentifier("User") == "\"User\"")
        #expect(quoteIdentifier("a\"b") == "\"a\"\"b\"")
        #expect(quoteIdentifier("naïve") == "\"naïve\"")
        #expect(quoteIdentifier("2fa") == "\"2fa\"")
        #expect(quoteIdentifier("") == "\"\"")
        #expect(quoteLiteral("it's") == "'it''s'")
        #expect(quoteLiteral(#"C:\path"#) == #"'C:\path'"#)
        #expect(dollarQuote("a $$ b") == "$body$a $$ b$body$")
    }

    @Test("objects with hostile names are created and read back unchanged")
    func hostileNamesRoundTrip() throws {
        let model = try Database("hostile") {
            Namespace("Billing Dept") {
                Enum("order status", "it's new", #"back\slash"#, "naïve", "\"quoted\"")
                Table("select") {
                    Column("User", .text).primaryKey()
                    Column("a\"b", .type("Billing Dept.order status")).notNull().default("'it''s new'")
                    Column(Self.long63, .integer).check("\"\(Self.long63)\" > 0", name: "check; DROP TABLE x")
                    Column(Self.longUnicode63, .varchar(20)).comment("it's a 'comment' with \\ and \"quotes\"")
                    Index("index", on: "a\"b", .desc(Self.longUnicode63))
                    Index(Self.long63, on: .expression("lower(\"User\")")).where("\"User\" <> 'it''s'")
                }
            }
            Table("naïve") {
                Column("from", .bigint).primaryKey().identity()
                Column("to", .text).references("Billing Dept.select", "User", onDelete: .cascade)
            }
            View("order", #"SELECT "from", "to" FROM "naïve""#)
        }.validated()

        let (_, connection) = try TestDatabase.fresh()
        try connection.execute(TestDatabase.createScript(model))
        let inventory = try Inventory.read(connection)

        let select = QualifiedName(schema: "Billing Dept", "select")
        #expect(inventory.schemas.contains("Billing Dept"))
        #expect(inventory.enums[QualifiedName(schema: "Billing Dept", "order status")]
                == ["it's new", #"back\slash"#, "naïve", "\"quoted\""])
        #expect(inventory.tables[select]?.map(\.name) == ["User", "a\"b", Self.long63, Self.longUnicode63])
        #expect(inventory.tables[select]?[1].type == "\"Billing Dept\".\"order status\"")
        #expect(inventory.constraints[select] == ["select_pkey", "check; DROP TABLE x"])
        #expect(inventory.indexes[select] == ["select_pkey", "index", Self.long63])
        #expect(inventory.tables[QualifiedName("naïve")]?.map(\.name) == ["from", "to"])
        #expect(inventory.views == [QualifiedName("order")])
        let comment = try connection.query(
            "SELECT col_description($1::regclass, 4)", [quoteName(select)]).scalar
        #expect(comment == "it's a 'comment' with \\ and \"quotes\"")
        // The values work too: the default and the check expression were read as written.
        try connection.execute(#"INSERT INTO "Billing Dept"."select" ("User", "\#(Self.long63)") VALUES ('it''s', 1)"#)
        let stored = try connection.query(#"SELECT "a""b"::text FROM "Billing Dept"."select""#).scalar
        #expect(stored == "it's new")
    }

    @Test("a 64-byte identifier is refused before any SQL is rendered")
    func identifierTooLong() {
        let name = Self.long63 + "u"
        let errors = Database("x") { Table(name) { Column("id", .integer) } }.model.validate()
        #expect(errors.contains { $0.message.contains("is 64 bytes; PostgreSQL allows at most 63") })
    }
}
