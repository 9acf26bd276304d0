import Catalog
import Differ
import PostgresClient
@testable import SchemaGenCLI
import SchemaModel
import Testing

/// declaration A → database → up(A→B) → equals B → down → equals A, each diff after empty.
enum RoundTrip {
    static func dev() throws -> DevDatabase { try TestDatabase.dev() }

    /// `prepare` runs on the database holding A before the up migration (to add rows);
    /// `check` runs on it after the up migration.
    static func check(
        from a: DatabaseModel, to b: DatabaseModel, prepare: (Connection) throws -> Void = { _ in },
        check: (Connection) throws -> Void = { _ in }, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let dev = try dev()
        let (url, connection) = try TestDatabase.fresh()
        let normalA = try dev.normalise(declared: a)

        // A from empty.
        let create = plan(from: DatabaseModel(), to: normalA)
        try execute(create, on: connection)
        let holdsA = try liveModel(url: url, dev: dev)
        #expect(differences(holdsA.canonical(), normalA.canonical()) == [], "creating A", sourceLocation: sourceLocation)
        #expect(plan(from: holdsA, to: normalA).isEmpty, sourceLocation: sourceLocation)
        try prepare(connection)

        // Up: A → B.
        let comparison = try Comparison(declared: b, current: holdsA, dev: dev)
        let up = comparison.up
        do { try execute(up, on: connection) } catch {
            Issue.record("up failed: \(error)\n\(up.sql())", sourceLocation: sourceLocation)
            return
        }
        let holdsB = try liveModel(url: url, dev: dev)
        #expect(differences(holdsB.canonical(ignoringColumnOrder: true), comparison.desired.canonical(ignoringColumnOrder: true)) == [],
                "after up:\n\(up.sql())", sourceLocation: sourceLocation)
        let again = plan(from: holdsB, to: comparison.desired)
        #expect(again.changes.map(\.summary) == [], "second diff after up", sourceLocation: sourceLocation)
        try check(connection)

        // Down: B → A.
        let down = plan(from: holdsB, to: holdsA, renames: comparison.hints.reversed)
        do { try execute(down, on: connection) } catch {
            Issue.record("down failed: \(error)\n\(down.sql())", sourceLocation: sourceLocation)
            return
        }
        let backToA = try liveModel(url: url, dev: dev)
        #expect(differences(backToA.canonical(ignoringColumnOrder: true), holdsA.canonical(ignoringColumnOrder: true)) == [],
                "after down:\n\(down.sql())", sourceLocation: sourceLocation)
        #expect(plan(from: backToA, to: holdsA).changes.map(\.summary) == [], "second diff after down",
                sourceLocation: sourceLocation)
    }
}
