import Catalog
import LibPQClient
import SQLRenderer
@testable import SchemaGenCLI
import Schemas
import Testing

@Suite("Applying a script")
struct ApplyTests {
    @Test("a failing statement rolls the whole script back and names the statement")
    func failureLeavesNothing() throws {
        let (_, connection) = try TestDatabase.fresh()
        let before = try Inventory.read(connection)
        var statements = try SQL.createStatements(for: TestDatabase.dev().normalise(declared: computePools.validated()))
        statements.insert(Statement("CREATE INDEX broken ON compute_pools (no_such_column)",
                                    summary: "create index public.broken"), at: statements.count / 2)
        #expect {
            try apply(statements, on: connection)
        } throws: { error in
            let text = "\(error)"
            return text.contains("create index public.broken failed")
                && text.contains("column \"no_such_column\" does not exist")
                && text.contains("CREATE INDEX broken ON compute_pools (no_such_column)")
        }
        #expect(try Inventory.read(connection) == before)
    }

    @Test("the CLI's summary reports what the catalog holds")
    func summaryFromCatalog() throws {
        let (_, connection) = try TestDatabase.fresh()
        let model = try mineGNK.validated()
        try apply(SQL.createStatements(for: TestDatabase.dev().normalise(declared: model)), on: connection)
        let text = summary(of: try Inventory.read(connection), expected: model)
        #expect(text.contains("table public.earnings_history: 6 columns, 3 constraints, 4 indexes"))
        #expect(text.contains("function public.update_updated_at_column"))
    }
}
