import Foundation
import Catalog
import Differ
import MigrationFiles
import Migrator
import LibPQClient
import SQLRenderer
import SchemaModel

/// The files of one emitted migration: an up and a down file per stage, at consecutive versions.
public struct EmittedMigration: Sendable {
    public struct Pair: Sendable {
        public var version: Int64
        public var name: String
        public var up: MigrationFile
        public var down: MigrationFile
    }
    public var pairs: [Pair]

    /// The files for `comparison`'s plan, numbered from `firstVersion`.
    public init(named name: String, comparison: Comparison, firstVersion: Int64,
                limits: MigrationFile.Limits = MigrationFile.Limits()) {
        var version = firstVersion
        pairs = comparison.plan.stages.map { stage in
            let stageName = name + (stage.suffix.map { "_" + $0 } ?? "")
            let base = "\(version)_\(stageName)"
            let title = comparison.name.isEmpty ? "" : ": \(comparison.name)"
            defer { version += 1 }
            var pair = Pair(
                version: version, name: stageName,
                up: MigrationFile(title: "\(base) up\(title)", plan: stage.up, isTransactional: stage.isTransactional,
                                  limits: limits),
                // A down file runs in a transaction unless it drops an index concurrently.
                down: MigrationFile(title: "\(base) down\(title)", plan: stage.down,
                                    isTransactional: stage.kind != .concurrent, limits: limits))
            if comparison.plan.stages.count > 1 { (pair.up.emit, pair.down.emit) = (firstVersion, firstVersion) }
            return pair
        }
    }

    /// Writes the files and `schemagen.sum`; returns the paths written.
    public func write(to directory: MigrationDirectory, using connection: Connection) throws -> [String] {
        var paths: [String] = []
        for pair in pairs {
            paths += try directory.write(version: pair.version, name: pair.name, up: pair.up.text, down: pair.down.text)
        }
        try directory.recordChecksums(of: paths.map { ($0 as NSString).lastPathComponent }, using: connection)
        return paths + [directory.path + "/" + MigrationDirectory.checksumFile]
    }

    /// Applies the up files to a scratch copy of `comparison.current` and checks that the result
    /// compares equal to `comparison.desired`, then the down files, newest first, and checks that
    /// the current schema is back. A file that fails, or a result that differs, is an error that
    /// names the file, the statement and PostgreSQL's message, or what differs.
    public func prove(_ comparison: Comparison, server: DevServer) throws {
        let dev = try server.dev()
        try dev.withScratchDatabase(keep: comparison.current.tables.count < 100) { connection, url in
            do {
                try apply(SQL.createStatements(for: comparison.current), on: connection)
            } catch {
                throw WorkflowError("cannot make a scratch copy of the current schema to try the migration on: \(error)")
            }
            for pair in pairs {
                try runScript(pair.up.text, file: "\(pair.version)_\(pair.name).up.sql", on: connection)
            }
            try expectSame(read: url, as: comparison.desired, dev: dev, after: "the up files")
            for pair in pairs.reversed() {
                try runScript(pair.down.text, file: "\(pair.version)_\(pair.name).down.sql", on: connection)
            }
            try expectSame(read: url, as: comparison.current, dev: dev, after: "the down files")
        }
    }

    private func expectSame(read url: String, as expected: DatabaseModel, dev: DevDatabase, after what: String) throws {
        let read = try CatalogReader.read(url: url)
        let (a, b) = try dev.normaliseDifferences(read, expected)
        let left = try plan(from: a, to: b)
        guard left.isEmpty else {
            throw WorkflowError("the migration does not do what it should: after \(what), "
                + "\(left.changes.count) change(s) remain:\n" + left.changes.map { "  \($0.summary)" }.joined(separator: "\n"))
        }
    }
}

/// A workflow step that cannot go on; one message the user acts on.
public struct WorkflowError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
