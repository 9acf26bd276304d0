import Catalog
import LibPQClient
import SQLRenderer
import SchemaModel
import Schemas
import Testing

@Suite("Seed schemas are created for real")
struct SeedSchemaTests {
    static let names = declaredSchemas.map(\.model.name)

    @Test("each seed schema validates, applies to an empty database, and the catalog holds every object",
          arguments: names)
    func createsEverything(name: String) throws {
        let model = try #require(declaredSchemas.first { $0.model.name == name }).validated()
        let (_, connection) = try TestDatabase.fresh()
        for statement in try SQL.createStatements(for: TestDatabase.dev().normalise(declared: model)) {
            do { try connection.execute(statement.sql) } catch {
                Issue.record("\(statement.summary): \(error)")
                throw error
            }
        }
        let inventory = try Inventory.read(connection)

        #expect(inventory.extensions.isSuperset(of: model.extensions.map(\.name)))
        for e in model.enums { #expect(inventory.enums[e.name] == e.labels, "enum \(e.name)") }
        #expect(inventory.domains == Set(model.domains.map(\.name)))
        #expect(Set(inventory.tables.keys) == Set(model.tables.map(\.name)))
        for table in model.tables {
            let declared = table.partitionOf.flatMap { model.table($0.parent) }?.columns ?? table.columns
            let actual = inventory.tables[table.name] ?? []
            #expect(actual.map(\.name) == declared.map(\.name), "columns of \(table.name)")
            #expect(actual.map(\.type) == declared.map { formatType($0.type) }, "column types of \(table.name)")
            #expect(actual.map(\.notNull) == declared.map { !$0.isNullable }, "NOT NULL of \(table.name)")
            if table.partitionOf == nil {
                #expect((inventory.constraints[table.name] ?? []) == Set(table.constraints.map(\.name)),
                        "constraints of \(table.name)")
                let backed = table.constraints.filter {
                    switch $0.kind {
                    case .primaryKey, .unique, .exclusion: return true
                    default: return false
                    }
                }
                #expect((inventory.indexes[table.name] ?? []) == Set(table.indexes.map(\.name) + backed.map(\.name)),
                        "indexes of \(table.name)")
            }
            #expect((inventory.triggers[table.name] ?? []) == Set(table.triggers.map(\.name)), "triggers of \(table.name)")
            #expect((inventory.policies[table.name] ?? []) == Set(table.policies.map(\.name)), "policies of \(table.name)")
            #expect(inventory.rowLevelSecurity.contains(table.name) == table.rowLevelSecurity)
        }
        #expect(inventory.views == Set(model.views.filter { !$0.isMaterialized }.map(\.name)))
        #expect(inventory.materializedViews == Set(model.views.filter(\.isMaterialized).map(\.name)))
        #expect(inventory.functions == Set(model.functions.map(\.name)))
        #expect(inventory.comments.count == declaredCommentCount(model))
    }

    @Test("money columns have exactly the declared precision")
    func moneyColumns() throws {
        let expectations: [(String, QualifiedName, String, String)] = [
            ("compute_pools", QualifiedName("compute_pools"), "token_reserve", "numeric(78,0)"),
            ("compute_pools", QualifiedName("trades"), "fee_amount", "numeric(78,0)"),
            ("minegnk", QualifiedName("earnings_history"), "earnings_gnk", "numeric(20,8)"),
            ("minegnk", QualifiedName("node_stats_cache"), "uptime_percent", "numeric(5,2)"),
            ("ainp", QualifiedName("usefulness_proofs"), "usefulness_score", "numeric"),
        ]
        for (schema, table, column, type) in expectations {
            let model = try #require(declaredSchemas.first { $0.model.name == schema }).validated()
            let (_, connection) = try TestDatabase.fresh()
            try connection.execute(TestDatabase.createScript(model))
            let found = try connection.query("""
                SELECT format_type(atttypid, atttypmod) FROM pg_attribute
                 WHERE attrelid = $1::regclass AND attname = $2
                """, [quoteName(table), column]).scalar
            #expect(found == type, "\(schema) \(table).\(column)")
        }
    }
}

/// What `format_type` prints for a declared type, with `public` on the search path.
func formatType(_ type: DataType) -> String {
    switch type {
    case .named(let name): return name.schema == "public" ? quoteIdentifier(name.name) : quoteName(name)
    case .array(let element): return formatType(element) + "[]"
    default: return type.formatted
    }
}

func declaredCommentCount(_ model: DatabaseModel) -> Int {
    var n = model.enums.compactMap(\.comment).count + model.domains.compactMap(\.comment).count
    n += model.views.compactMap(\.comment).count + model.functions.compactMap(\.comment).count
    n += model.namespaces.compactMap(\.comment).count + model.sequences.compactMap(\.comment).count
    for t in model.tables {
        n += (t.comment == nil ? 0 : 1) + t.columns.compactMap(\.comment).count
        n += t.constraints.compactMap(\.comment).count + t.indexes.compactMap(\.comment).count
        n += t.triggers.compactMap(\.comment).count + t.policies.compactMap(\.comment).count
    }
    return n
}
