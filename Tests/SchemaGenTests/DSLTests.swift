import Foundation
import LibPQClient
import SQLRenderer
import SchemaDSL
import Schemas
import SchemaModel
import Testing

let declaredSchemasForValidation = declaredSchemas.map(\.model)

@Suite("The DSL builds the model it reads as")
struct DSLTests {
    @Test("if, if/else, optional and for work inside builders")
    func controlFlow() {
        let withAudit = true
        let regions = ["eu", "us"]
        let model = Database("x") {
            if withAudit { Table("audit") { Column("id", .bigint) } }
            if !withAudit { Table("never") { Column("id", .bigint) } } else { Table("always") { Column("id", .bigint) } }
            for region in regions {
                Table("orders_\(region)") {
                    Column("id", .bigint).primaryKey()
                    if region == "eu" { Column("vat", .numeric(5, 2)) }
                    for i in 1...2 { Column("c\(i)", .text) }
                }
            }
        }.model
        #expect(model.tables.map(\.name.name) == ["audit", "always", "orders_eu", "orders_us"])
        #expect(model.tables[2].columns.map(\.name) == ["id", "vat", "c1", "c2"])
        #expect(model.tables[3].columns.map(\.name) == ["id", "c1", "c2"])
    }

    @Test("a body holding one array literal (the README's) declares what the same elements one per line do")
    func arrayBody() {
        let lines = Database("ledger") {
            Enum("transfer_status", "pending", "settled")
            Table("accounts") {
                Column("id", .bigint).identity().primaryKey()
            }
            Table("transfers") {
                Column("id", .uuid).primaryKey()
                Column("account_id", .bigint).notNull().references("accounts")
                Column("amount_wei", .numeric(78, 0)).notNull().check("amount_wei > 0")
            }
        }.model
        let ledger = Database("ledger") { [
            Enum("transfer_status", "pending", "settled"),
            Table("accounts") {
                Column("id", .bigint).identity().primaryKey()
            },
            Table("transfers") {
                Column("id", .uuid).primaryKey()
                Column("account_id", .bigint).notNull().references("accounts")
                Column("amount_wei", .numeric(78, 0)).notNull().check("amount_wei > 0")
            },
        ] }.model
        #expect(ledger.tables.map(\.name.name) == ["accounts", "transfers"])
        #expect(ledger.enums.map(\.labels) == [["pending", "settled"]])
        #expect(ledger.tables[1].constraints.map(\.name) == ["transfers_pkey", "transfers_account_id_fkey", "transfers_amount_wei_check"])
        #expect(ledger.canonical() == lines.canonical())
        #expect(ledger.dependencies == lines.dependencies)
    }

    @Test("modifiers chain and return modified copies")
    func modifiers() {
        let base = Column("amount", .numeric(78, 0))
        let model = Database("x") {
            Table("t") {
                Column("id", .uuid).primaryKey()
                base.notNull().default("0").check("amount >= 0").unique().comment("wei")
                base
            }
            Table("u") { Column("t_id", .uuid).references("t", onDelete: .cascade, deferrable: .initiallyDeferred) }
        }.model
        let t = model.tables[0]
        #expect(t.columns[1].isNullable == false && t.columns[1].defaultExpression == "0" && t.columns[1].comment == "wei")
        #expect(t.columns[2].isNullable && t.columns[2].defaultExpression == nil)  // the original is unchanged
        #expect(t.constraints.map(\.name) == ["t_pkey", "t_amount_key", "t_amount_check"])
        #expect(t.columns[0].isNullable == false)  // primary key columns are NOT NULL
        let fk = model.tables[1].constraints[0]
        #expect(fk.name == "u_t_id_fkey" && fk.deferrable == .initiallyDeferred)
        guard case .foreignKey(let key) = fk.kind else { Issue.record("not a foreign key"); return }
        #expect(key.referencedColumns == ["id"] && key.onDelete == .cascade)
    }

    @Test("every element records the file and line it was written on")
    func locations() {
        let (model, line) = (Database("x") { Table("t") { Column("id", .integer); Index("i", on: "id") } }, #line)
        let table = model.model.tables[0]
        #expect(table.location?.description == "Tests/SchemaGenTests/DSLTests.swift:\(line)")
        #expect(table.columns[0].location?.line == line)
        #expect(table.indexes[0].location?.line == line)
        #expect(declaredSchemas[0].model.tables[0].location?.description.hasPrefix("Schema/ComputePools.swift:") == true)
    }

    @Test("default constraint names are PostgreSQL's own, long names included", arguments: [
        ("users", ["email"]),
        (String(repeating: "t", count: 60), [String(repeating: "c", count: 40)]),
        (String(repeating: "é", count: 30), ["a", "b"]),
        ("orders", [String(repeating: "x", count: 70 / 2), String(repeating: "y", count: 30)]),
    ])
    func defaultNames(table: String, columns: [String]) throws {
        let (_, connection) = try TestDatabase.fresh()
        let cols = columns.map { "\(quoteIdentifier($0)) integer" }.joined(separator: ", ")
        let list = columns.map(quoteIdentifier).joined(separator: ", ")
        try connection.execute("""
            CREATE TABLE \(quoteIdentifier(table)) (\(cols), UNIQUE (\(list)), CHECK (\(quoteIdentifier(columns[0])) > 0));
            ALTER TABLE \(quoteIdentifier(table)) ADD PRIMARY KEY (\(list));
            CREATE INDEX ON \(quoteIdentifier(table)) (\(list));
            """)
        let names = try Set(connection.query(
            "SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass", [quoteIdentifier(table)]).rows.map { $0[0]! })
        #expect(names.contains(defaultObjectName(table: table, columns: [], label: "pkey")))
        #expect(names.contains(defaultObjectName(table: table, columns: columns, label: "key")))
        #expect(names.contains(defaultObjectName(table: table, columns: [columns[0]], label: "check")))
        let index = try connection.query(
            "SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = $1::regclass AND NOT indisunique",
            [quoteIdentifier(table)]).scalar
        #expect(index.map { $0.replacingOccurrences(of: "\"", with: "") } == defaultObjectName(table: table, columns: columns, label: "idx"))
    }
}

