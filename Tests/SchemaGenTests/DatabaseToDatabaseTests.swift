import Catalog
import Differ
import Foundation
import PostgresClient
@testable import SchemaGenCLI
import Testing

@Suite("Diffing two live databases loaded from plain SQL")
struct DatabaseToDatabaseTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func load(_ file: String) throws -> (url: String, connection: Connection) {
        let database = try TestDatabase.fresh()
        try database.connection.execute(String(contentsOf: fixtures.appendingPathComponent(file), encoding: .utf8))
        return database
    }

    /// Runs a migration file as the CLI prints it.
    static func run(_ sql: String, on connection: Connection) throws {
        for part in sql.components(separatedBy: MigrationPlan.commitMarker) { try connection.execute(part) }
    }

    @Test("staging → production and back, through the SQL the CLI prints", arguments: [
        ("staging.sql", "production.sql"), ("production.sql", "staging.sql"),
    ])
    func diffApplyCompare(from: String, to: String) throws {
        let dev = try TestDatabase.dev()
        let (fromURL, fromConnection) = try Self.load(from)
        let (toURL, _) = try Self.load(to)
        let target = try liveModel(url: toURL, dev: dev)
        let up = plan(from: try liveModel(url: fromURL, dev: dev), to: target)
        #expect(!up.isEmpty)
        try Self.run(up.sql(), on: fromConnection)
        let migrated = try liveModel(url: fromURL, dev: dev)
        #expect(differences(migrated.canonical(ignoringColumnOrder: true), target.canonical(ignoringColumnOrder: true)) == [],
                "\(up.sql())")
        #expect(plan(from: migrated, to: target).changes.map(\.summary) == [])
    }

    @Test("a database diffed with itself is empty, though its expressions are not in printed form")
    func selfDiff() throws {
        let dev = try TestDatabase.dev()
        let (a, _) = try Self.load("staging.sql")
        let (b, _) = try Self.load("staging.sql")
        #expect(plan(from: try liveModel(url: a, dev: dev), to: try liveModel(url: b, dev: dev)).isEmpty)
    }
}
