import Catalog
import SchemaDSL
import Testing

/// Mistakes only PostgreSQL finds (inside expressions) are reported at the line of the
/// element that holds them, all of them in one run.
@Suite("Declaration errors PostgreSQL finds")
struct DeclarationErrorTests {
    let file = "Tests/SchemaGenTests/DeclarationErrorTests.swift"

    @Test("a typo in a Check, a column check, a default, a generated column, an Index and a View: each at its own line, in one run, with did-you-mean")
    func everyMistakeAtItsLine() throws {
        let top = #line
        let declared = Database("typos") {
            Table("memory_assets") {
                Column("id", .bigint).primaryKey()
                Column("amount", .numeric(20, 8)).notNull().check("amout >= 0")
                Column("created_at", .timestamptz).default("nwo()")
                Column("doubled", .numeric(20, 8)).generated("amont * 2")
                Check("amount_small", "amount < 'x'::uuid")
                Index("idx_memory_assets_when", on: .expression("date_trunc('day', creatd_at)"))
            }
            View("big_assets", "SELECT id FROM memory_asset WHERE amount > 10")
            View("bigger_assets", "SELECT id FROM big_assets")
        }
        #expect {
            try TestDatabase.dev().normalise(declared: declared.model)
        } throws: { error in
            guard let failures = error as? DeclarationFailures else { return false }
            let found = zip(failures.failures, failures.messages).map { ($0.statement.location?.description ?? "", $1) }
            let wanted: [(Int, [String])] = [
                (4, [#"column "amout" does not exist"#, #"Perhaps you meant to reference the column "memory_assets.amount""#]),
                (5, ["function nwo() does not exist"]),
                (6, [#"column "amont" does not exist"#, #""memory_assets.amount""#]),
                (7, ["invalid input syntax for type uuid"]),
                (8, [#"column "creatd_at" does not exist"#, #""memory_assets.created_at""#]),
                (10, [#"relation "memory_asset" does not exist (SQLSTATE 42P01) at line 2, column 16 (did you mean memory_assets?)"#]),
            ]
            for (offset, fragments) in wanted {
                let place = "\(file):\(top + offset)"
                #expect(found.contains { $0.0 == place && $0.1.hasPrefix(place + ": error: ") && fragments.allSatisfy($0.1.contains) },
                        "no error at \(place) containing \(fragments) in \(found.map(\.1))")
            }
            // The view over the failing view is not reported: it fails only because of it.
            #expect(failures.failures.count == wanted.count, "\(found.map(\.1))")
            return true
        }
    }
}
