import Catalog
import Differ
import Foundation
import Migrator
import LibPQClient
import SchemaGenWorkflow
import SchemaModel
import Testing

/// Helpers for migration tests: directories written as emit writes them, migrators, catalogs.
enum Migrations {
    static func temporaryDirectory() -> MigrationDirectory {
        MigrationDirectory(path: TemporaryPaths.directory("migrations"))
    }

    /// A hand-written migration, recorded in `schemagen.sum` as `schemagen new` and `hash` do.
    static func write(_ directory: MigrationDirectory, version: Int64, name: String, up: String, down: String) throws {
        let paths = try directory.write(version: version, name: name, up: up, down: down)
        try directory.recordChecksums(of: paths.map { ($0 as NSString).lastPathComponent },
                                      using: Connection(url: TestDatabase.dev().url))
    }

    /// What `schemagen emit` writes to turn the database at `url` (empty when nil) into
    /// `declared`; returns the files written (checksums aside).
    @discardableResult
    static func emit(_ declared: DatabaseModel, name: String, into directory: MigrationDirectory, from url: String? = nil)
        throws -> [String]
    {
        let comparison = try TestDatabase.compare(url.map { .database(url: $0) } ?? .empty, .declaration(declared))
        if comparison.plan.isEmpty { return [] }
        let migration = EmittedMigration(named: name, comparison: comparison, firstVersion: directory.nextVersion())
        return try migration.write(to: directory, using: Connection(url: TestDatabase.dev().url))
            .filter { $0.hasSuffix(".sql") }
    }

    static func migrator(_ url: String, _ directory: MigrationDirectory, lockTimeout: String = "5s") throws -> Migrator {
        var options = MigrationOptions()
        options.lockTimeout = lockTimeout
        return try Migrator(url: url, directory: directory, options: options)
    }

    /// The whole catalog, history schema included.
    static func catalog(_ url: String) throws -> DatabaseModel { try CatalogReader.read(Connection(url: url)) }

    /// The declaration and the live database as the differ compares them: no change between them.
    static func expectMatches(_ url: String, _ declared: DatabaseModel, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        #expect(try TestDatabase.remaining(url, .declaration(declared)) == [], sourceLocation: sourceLocation)
    }
}

/// Declaration A → the migration emit writes, applied by migrate → B's, applied by migrate →
/// the database compares equal to B, and its pg_dump equals that of a database made from B
/// alone → rolled back by rollback → equal to A again, by both judges.
enum RoundTrip {
    /// `prepare` runs on the database holding A before the migration to B (to add rows);
    /// `check` runs on it after.
    static func check(
        from a: DatabaseModel, to b: DatabaseModel, prepare: (Connection) throws -> Void = { _ in },
        check: (Connection) throws -> Void = { _ in }, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        // A pooled scratch database: emptied in milliseconds, where creating one takes much longer.
        try TestDatabase.dev().withScratchDatabase { connection, url in
            try verify(from: a, to: b, in: url, connection, prepare: prepare, check: check, sourceLocation: sourceLocation)
        }
    }

    private static func verify(
        from a: DatabaseModel, to b: DatabaseModel, in url: String, _ connection: Connection,
        prepare: (Connection) throws -> Void, check: (Connection) throws -> Void, sourceLocation: Testing.SourceLocation
    ) throws {
        let directory = Migrations.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory.path) }
        try Migrations.emit(a, name: "a", into: directory, from: url)
        try Migrations.migrator(url, directory).migrate()
        #expect(try TestDatabase.remaining(url, .declaration(a)) == [], "creating A", sourceLocation: sourceLocation)
        let dumpA = try PgDump.statements(url)
        try prepare(connection)

        let files = try Migrations.emit(b, name: "b", into: directory, from: url)
        do {
            try Migrations.migrator(url, directory).migrate()
        } catch {
            Issue.record("up failed: \(error)\n\(try files.map { try String(contentsOfFile: $0, encoding: .utf8) }.joined())",
                         sourceLocation: sourceLocation)
            return
        }
        #expect(try TestDatabase.remaining(url, .declaration(b)) == [], "second diff after up", sourceLocation: sourceLocation)
        let dumpB = try PgDump.statements(url)
        #expect(differingStatements(dumpB, try freshDump(b)) == [], "pg_dump after up", sourceLocation: sourceLocation)
        try check(connection)

        do {
            // One step: the files of B's emit, however many stages it has (none when B is A).
            let undone = files.isEmpty ? [] : try Migrations.migrator(url, directory).rollback(allowDataLoss: true)
            #expect(undone.count == files.count / 2, "rolled back \(undone.map(\.name))", sourceLocation: sourceLocation)
        } catch {
            Issue.record("down failed: \(error)", sourceLocation: sourceLocation)
            return
        }
        #expect(try TestDatabase.remaining(url, .declaration(a)) == [], "second diff after down", sourceLocation: sourceLocation)
        #expect(differingStatements(try PgDump.statements(url), dumpA) == [], "pg_dump after down", sourceLocation: sourceLocation)
        try Squawk.check(directory.path, "round trip at \(sourceLocation.fileID):\(sourceLocation.line)",
                         sourceLocation: sourceLocation)
    }

    /// pg_dump of a database that `declared` was migrated to from empty.
    static func freshDump(_ declared: DatabaseModel) throws -> [String] {
        let directory = Migrations.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory.path) }
        return try TestDatabase.dev().withScratchDatabase { _, url in
            try Migrations.emit(declared, name: "fresh", into: directory, from: url)
            try Migrations.migrator(url, directory).migrate()
            return try PgDump.statements(url)
        }
    }
}

/// The statements of one dump missing from the other, marked `-` (only in `a`) and `+` (only in `b`).
func differingStatements(_ a: [String], _ b: [String]) -> [String] {
    let diff = b.difference(from: a)
    return diff.map { change in
        switch change {
        case .insert(_, let s, _): return "+ " + s
        case .remove(_, let s, _): return "- " + s
        }
    }
}
