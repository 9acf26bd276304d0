import Catalog
import Foundation
import Synchronization
import MigrationFiles
import Migrator
import LibPQClient
import SchemaGenWorkflow
import SchemaModel
import Testing

/// Pairs of plain SQL schemas, written the way people write them (`Cases/<area>/<case>/a.sql`
/// and `b.sql`), each judged both ways by PostgreSQL itself: load A and B, take the script
/// `diff --from A --to B --sql` prints, run it on A as psql would, and compare `pg_dump
/// --schema-only` of A with that of B, privileges included (roles a case names are listed in its
/// `case.json`) (see `PgDump`: statements sorted, column order and the
/// varchar IN-list spelling aside); then the diff must be empty.
///
/// PostgreSQL does not keep an expression's text, only its tree, and printing and parsing it
/// again is not always the same tree (`a BETWEEN 0 AND 1 AND …` comes back with its ANDs
/// nested another way). No migration can give A the very tree of B then; A must equal B as
/// PostgreSQL's own dump and restore give B back. Cases judged that way are counted.
@Suite("The pg_dump-judged corpus of plain SQL cases")
struct CorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Cases")

    /// `area/case` of every directory holding a.sql and b.sql.
    static let cases: [String] = {
        let manager = FileManager.default
        guard let walker = manager.enumerator(atPath: root.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix("/a.sql") }
            .map { String($0.dropLast("/a.sql".count)) }
            .filter { manager.fileExists(atPath: root.path + "/" + $0 + "/b.sql") }.sorted()
    }()

    @Test("the corpus is large and covers every area", .tags(.corpus))
    func size() {
        let areas = Set(Self.cases.map { $0.split(separator: "/")[0] })
        #expect(Self.cases.count >= 350)
        #expect(areas.isSuperset(of: [
            "tables", "sequences", "identity", "constraints", "indexes", "enums", "domains", "functions", "triggers",
            "views", "policies", "partitions", "comments", "schemas", "extensions", "quoting", "seeds", "dependencies",
            "privileges", "types", "collations", "inheritance", "coverage",
        ]))
    }

    /// Every case, both ways, several at a time: each waits on the server and on pg_dump most
    /// of the time, so more run side by side than there are cores.
    @Test("A → B and B → A, for every case", .tags(.corpus))
    func everyCaseBothWays() throws {
        let names = ProcessInfo.processInfo.environment["SCHEMAGEN_CORPUS"].map { only in
            Self.cases.filter { $0.hasPrefix(only) }
        } ?? Self.cases
        let next = Mutex(0)
        let failures = Mutex<[String]>([])
        _ = try concurrently(Self.workers) { _ in
            // Three databases per worker, emptied for each case: creating one costs half a second.
            let databases = try (0..<3).map { _ in try TestDatabase.fresh().url }
            while true {
                let i = next.withLock { n in
                    defer { n += 1 }
                    return n
                }
                guard i < names.count else { return }
                let found: [String]
                do { found = try Self.judge(names[i], in: databases) } catch { found = ["\(names[i]): \(error)"] }
                if !found.isEmpty { failures.withLock { $0 += found } }
            }
        }
        let all = failures.withLock { $0 }
        #expect(all.isEmpty, "\(all.count) failure(s):\n\(all.joined(separator: "\n\n"))")
        try Squawk.check(Self.emitted, "the corpus")
    }

    /// Where each case's migration files go, as `emit` writes them, for squawk.
    static let emitted = TemporaryPaths.path("corpus")

    static let workers = 3

    /// What is wrong with one case, both ways; nothing when it passes.
    static func judge(_ name: String, in databases: [String]) throws -> [String] {
        let a = try String(contentsOf: root.appendingPathComponent(name + "/a.sql"), encoding: .utf8)
        let b = try String(contentsOf: root.appendingPathComponent(name + "/b.sql"), encoding: .utf8)
        let options = try CaseOptions(of: name)
        try TestDatabase.dev().provideRoles(Set(options.roles ?? []))
        for (url, sql) in zip(databases, [a, b, a]) {
            // A new session each time: one that dropped an extension keeps some of it cached.
            let connection = try Connection(url: url)
            try connection.execute(DevDatabase.emptyDatabase)
            if !sql.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { try connection.execute(sql) }
        }
        let (a1, b1, a2) = (databases[0], databases[1], databases[2])
        let sorted = !(options.exactColumnOrder ?? false)
        let dumpA = try PgDump.statements(a2, ignoringColumnOrder: sorted, privileges: true)
        let dumpB = try PgDump.statements(b1, ignoringColumnOrder: sorted, privileges: true)
        return try migrate(a1, to: b1, expecting: dumpB, options: options.comparison(forward: true), "\(name): a → b")
            + migrate(b1, to: a2, expecting: dumpA, options: options.comparison(forward: false), "\(name): b → a")
    }

    /// A case's `case.json`: the roles its SQL names, made on the shared cluster (roles belong to
    /// the cluster, so the cases' SQL names them without creating them); conversions for type
    /// changes without a cast, `using` for a → b and `rollbackUsing` for b → a, keyed by
    /// `schema.table.column`; and `exactColumnOrder`, which also compares column order.
    struct CaseOptions: Decodable {
        var roles: [String]?
        var using: [String: String]?
        var rollbackUsing: [String: String]?
        var exactColumnOrder: Bool?

        init(of name: String) throws {
            let file = CorpusTests.root.appendingPathComponent(name + "/case.json")
            guard let data = try? Data(contentsOf: file) else { return }
            self = try JSONDecoder().decode(CaseOptions.self, from: data)
        }

        func comparison(forward: Bool) -> ComparisonOptions {
            let conversions = (forward ? using : rollbackUsing) ?? [:]
            return ComparisonOptions(
                exactColumnOrder: exactColumnOrder ?? false,
                conversions: Dictionary(uniqueKeysWithValues: conversions.map { key, value in
                    let dot = key.lastIndex(of: ".")!
                    return (ColumnName(table: QualifiedName(parsing: String(key[..<dot])),
                                       column: String(key[key.index(after: dot)...])), value)
                }))
        }
    }

    /// Migrates the database at `url` to the one at `target` with the printed script; returns
    /// what went wrong.
    static func migrate(_ url: String, to target: String, expecting dump: [String], options: ComparisonOptions,
                        _ what: String) throws -> [String] {
        let comparison = try TestDatabase.compare(.database(url: url), .database(url: target), options: options)
        let plan = comparison.plan
        let script = plan.script()
        if !plan.isEmpty {
            let directory = emitted + "/" + what.replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: " → ", with: "_to_").replacingOccurrences(of: ": ", with: "_")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for pair in EmittedMigration(named: "m", comparison: comparison, firstVersion: 1).pairs {
                try pair.up.text.write(toFile: "\(directory)/\(pair.version)_\(pair.name).up.sql", atomically: false, encoding: .utf8)
                try pair.down.text.write(toFile: "\(directory)/\(pair.version)_\(pair.name).down.sql", atomically: false,
                                         encoding: .utf8)
            }
        }
        let connection = try Connection(url: url)
        for statement in splitStatements(script) {
            do {
                try connection.execute(statement.sql)
            } catch {
                return ["\(what): the script fails at line \(statement.line): \(error)\n\(script)"]
            }
        }
        let sorted = !options.exactColumnOrder
        let migrated = try PgDump.statements(url, ignoringColumnOrder: sorted, privileges: true)
        var differing = differingStatements(migrated, dump)
        if !differing.isEmpty {
            differing = differingStatements(migrated, try PgDump.restoredStatements(target, ignoringColumnOrder: sorted,
                                                                                   privileges: true))
            if differing.isEmpty { print("corpus: \(what) equals the target as its own dump restores it") }
        }
        var problems: [String] = []
        if !differing.isEmpty {
            problems.append("\(what): pg_dump differs:\n\(differing.joined(separator: "\n"))\nafter\n\(script)")
        }
        let remaining = try TestDatabase.remaining(url, .database(url: target), options: options)
        if !remaining.isEmpty { problems.append("\(what): a second diff is not empty: \(remaining)") }
        return problems
    }
}

extension Tag {
    @Tag static var corpus: Self
}
