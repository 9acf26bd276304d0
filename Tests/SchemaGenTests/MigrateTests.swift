import ArgumentParser
import Catalog
import Differ
import Foundation
import MigrationFiles
import Migrator
import LibPQClient
@testable import SchemaGenCLI
import SchemaDSL
import SchemaModel
import Schemas
import Testing

extension Migrations {
    static func status(_ url: String, _ directory: MigrationDirectory) throws -> StatusCommand.Report {
        try StatusCommand.parse([
            "--database-url", url, "--migrations-dir", directory.path, "--dev-url", TestDatabase.shared().url(),
        ]).report()
    }
}

@Suite("schemagen migrate, status, rollback")
struct MigrateTests {
    @Test("Each seed: emit, migrate, status clean, rollback to zero, migrate again", arguments: declaredSchemas.map(\.model.name))
    func seedLifecycle(name: String) throws {
        let declared = try #require(declaredSchemas.first { $0.model.name == name }).validated()
        let directory = Migrations.temporaryDirectory()
        try Migrations.emit(declared, name: "initial", into: directory)
        let (url, _) = try TestDatabase.fresh()

        #expect(try Migrations.migrator(url, directory).migrate().count == 1)
        try Migrations.expectMatches(url, declared)
        var status = try Migrations.status(url, directory)
        #expect(status.isClean && status.migrations.count == 1, "\(status)")
        #expect(try Migrations.migrator(url, directory).migrate().isEmpty)

        try Migrations.migrator(url, directory).rollback(to: 0, allowDataLoss: true)
        #expect(try Migrations.catalog(url).without(schema: History.defaultSchema) == DatabaseModel())
        status = try Migrations.status(url, directory)
        #expect(status.migrations.map(\.applied) == [false] && status.drift == [] && status.problems == [])

        #expect(try Migrations.migrator(url, directory).migrate().count == 1)
        try Migrations.expectMatches(url, declared)
    }

    @Test("An evolution with a new enum value and a new index becomes three migrations; all apply and roll back")
    func stagedEvolution() throws {
        let a = try computePools.validated()
        let b = try EvolvedSeedTests.evolvedComputePools()
        let directory = Migrations.temporaryDirectory()
        try Migrations.emit(a, name: "initial", into: directory)
        let (url, connection) = try TestDatabase.fresh()
        try Migrations.migrator(url, directory).migrate()
        try connection.execute("INSERT INTO compute_pools (name, resource_type) VALUES ('gpu-pool', 'GPU')")

        let written = try Migrations.emit(b, name: "evolve", into: directory, from: url)
        let ups = written.filter { $0.hasSuffix(".up.sql") }.map { ($0 as NSString).lastPathComponent }
        #expect(ups.count == 3 && ups[0].hasSuffix("_evolve_enum_values.up.sql") && ups[1].hasSuffix("_evolve.up.sql")
                && ups[2].hasSuffix("_evolve_concurrent_indexes.up.sql"), "\(ups)")
        let indexes = try directory.text(of: ups[2])
        #expect(!MigrationFile(parsing: indexes).isTransactional
                && indexes.contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_compute_pools_name_lower ON"))
        let enumValues = try directory.text(of: ups[0])
        let main = try directory.text(of: ups[1])
        #expect(!MigrationFile(parsing: enumValues).isTransactional && MigrationFile(parsing: main).isTransactional)

        #expect(try Migrations.migrator(url, directory).migrate().count == 3)
        try Migrations.expectMatches(url, b)
        #expect(try Migrations.status(url, directory).isClean)
        #expect(try connection.query("SELECT count(*) FROM compute_pools").scalar == "1")

        // The three files of one emit are one step: rolling back once undoes the whole emit.
        #expect(try Migrations.migrator(url, directory).rollback(allowDataLoss: true).count == 3)
        try Migrations.expectMatches(url, a)
        #expect(try connection.query("SELECT count(*) FROM compute_pools").scalar == "1")
        #expect(try Migrations.migrator(url, directory).history().count == 1)
    }

    @Test("A migration whose third statement fails leaves the catalog and the history as they were")
    func failingStatement() throws {
        let directory = Migrations.temporaryDirectory()
        try Migrations.write(directory, version: 1, name: "base", up: "CREATE TABLE base (id int PRIMARY KEY);\n", down: "DROP TABLE base;\n")
        try Migrations.write(directory, version: 2, name: "broken", up: """
            -- three statements; the third names a table that does not exist
            CREATE TABLE first (id int);
            ALTER TABLE base ADD COLUMN note text;
            INSERT INTO missing_table
              VALUES (1);
            CREATE TABLE never (id int);

            """, down: "")
        let (url, _) = try TestDatabase.fresh()
        try Migrations.migrator(url, directory).migrate(to: 1)
        let before = try Migrations.catalog(url)
        let historyBefore = try Migrations.migrator(url, directory).history()

        #expect {
            try Migrations.migrator(url, directory).migrate()
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("\(directory.path)/2_broken.up.sql:4:13: relation \"missing_table\" does not exist")
                && text.contains("INSERT INTO missing_table")
        }
        #expect(try Migrations.catalog(url) == before)
        #expect(try Migrations.migrator(url, directory).history() == historyBefore)
    }

    @Test("An edited or deleted applied file, or a version gap, is refused before anything changes")
    func refusesBrokenHistory() throws {
        func setUp() throws -> (String, MigrationDirectory) {
            let directory = Migrations.temporaryDirectory()
            try Migrations.write(directory, version: 10, name: "a", up: "CREATE TABLE a (id int);\n", down: "DROP TABLE a;\n")
            try Migrations.write(directory, version: 20, name: "b", up: "CREATE TABLE b (id int);\n", down: "DROP TABLE b;\n")
            let (url, _) = try TestDatabase.fresh()
            try Migrations.migrator(url, directory).migrate()
            try Migrations.write(directory, version: 30, name: "c", up: "CREATE TABLE c (id int);\n", down: "DROP TABLE c;\n")
            return (url, directory)
        }
        func expectRefused(_ url: String, _ directory: MigrationDirectory, naming file: String, _ what: String) throws {
            let before = try Migrations.catalog(url)
            #expect {
                try Migrations.migrator(url, directory).migrate()
            } throws: { error in
                "\(error)".contains("\(directory.path)/\(file)") && "\(error)".contains(what)
            }
            #expect(try Migrations.catalog(url) == before)
            #expect(try Migrations.migrator(url, directory).history().map(\.version) == [10, 20])
        }

        var (url, directory) = try setUp()
        try "CREATE TABLE a (id bigint);\n".write(toFile: directory.path + "/10_a.up.sql", atomically: true, encoding: .utf8)
        try expectRefused(url, directory, naming: "10_a.up.sql", "was edited after it was applied")

        (url, directory) = try setUp()
        try FileManager.default.removeItem(atPath: directory.path + "/20_b.up.sql")
        try expectRefused(url, directory, naming: "20_b.up.sql", "is missing")

        (url, directory) = try setUp()
        try Migrations.write(directory, version: 15, name: "late", up: "CREATE TABLE late (id int);\n", down: "DROP TABLE late;\n")
        try expectRefused(url, directory, naming: "15_late.up.sql", "older than the last applied")
        // status reports the same problem instead of refusing.
        #expect(try Migrations.status(url, directory).problems.contains { $0.contains("15_late.up.sql") })
    }

    func run(_ arguments: [String]) throws -> Int32 {
        var command = try CLI.parse(arguments)
        do { try command.run() } catch let code as ExitCode { return code.rawValue }
        return 0
    }

    @Test("new writes a numbered pair listed in schemagen.sum; migrate refuses a file the sum does not list or lists otherwise, until hash records it")
    func handWrittenFiles() throws {
        let directory = Migrations.temporaryDirectory()
        let dev = ["--dev-url", try TestDatabase.shared().url()]
        #expect(try run(["new", "--migrations-dir", directory.path, "--name", "add_notes"] + dev) == 0)
        let pair = directory.migrations
        #expect(pair.count == 1 && pair[0].name == "add_notes")
        let recorded = try #require(directory.recordedChecksums())
        #expect(Set(recorded.keys) == [pair[0].upFile, pair[0].downFile])
        let (url, _) = try TestDatabase.fresh()
        let migrate = ["migrate", "--database-url", url, "--migrations-dir", directory.path]
        // The empty pair applies as it is.
        #expect(try run(migrate) == 0)
        #expect(try Migrations.migrator(url, directory).history().map(\.name) == ["add_notes"])

        // A file dropped in without new, or edited after new, is refused, and nothing is applied.
        try directory.write(version: directory.nextVersion(), name: "sneaky", up: "CREATE TABLE sneaky (id int);\n", down: "DROP TABLE sneaky;\n")
        #expect { try Migrations.migrator(url, directory).migrate() } throws: {
            "\($0)".contains("_sneaky.up.sql is not listed in schemagen.sum: start a hand-written migration with schemagen new")
        }
        #expect(try run(["new", "--migrations-dir", directory.path, "--name", "backfill"] + dev) == 0)
        let backfill = try #require(directory.migrations.last)
        #expect(try run(["hash", "--migrations-dir", directory.path] + dev) == 0)
        try "BEGIN;\nCREATE TABLE notes (id int);\nCOMMIT;\n".write(toFile: directory.path + "/" + backfill.upFile, atomically: true, encoding: .utf8)
        #expect { try Migrations.migrator(url, directory).migrate() } throws: {
            "\($0)".contains("\(backfill.upFile) is not what schemagen.sum records: after reviewing the change, record it with schemagen hash")
        }
        #expect(try Migrations.migrator(url, directory).history().count == 1)
        #expect(try run(["hash", "--migrations-dir", directory.path] + dev) == 0)
        #expect(try Migrations.migrator(url, directory).migrate().count == 2)
        #expect(try Connection(url: url).query("SELECT count(*) FROM pg_tables WHERE tablename IN ('sneaky', 'notes')").scalar == "2")

        // An index built online cannot run in the transaction a file runs in: the error says how
        // to mark the file, and the marked file applies.
        #expect(try run(["new", "--migrations-dir", directory.path, "--name", "notes_index"] + dev) == 0)
        let online = try #require(directory.migrations.last)
        let build = "CREATE INDEX CONCURRENTLY notes_id ON notes (id);\n"
        try build.write(toFile: directory.path + "/" + online.upFile, atomically: true, encoding: .utf8)
        #expect(try run(["hash", "--migrations-dir", directory.path] + dev) == 0)
        #expect { try Migrations.migrator(url, directory).migrate() } throws: {
            "\($0)".contains("_notes_index.up.sql:1:1: CREATE INDEX CONCURRENTLY cannot run inside a transaction block\n"
                + "HINT: the file runs in one transaction; one whose first line is -- schemagen:no-transaction "
                + "runs statement by statement")
        }
        #expect(try Migrations.migrator(url, directory).history().count == 3)
        try ("-- schemagen:no-transaction\n" + build).write(toFile: directory.path + "/" + online.upFile, atomically: true,
                                                         encoding: .utf8)
        #expect(try run(["hash", "--migrations-dir", directory.path] + dev) == 0)
        #expect(try Migrations.migrator(url, directory).migrate().count == 1)
        #expect(try Connection(url: url).query("SELECT count(*) FROM pg_indexes WHERE indexname = 'notes_id'").scalar == "1")
    }

    @Test("repair records an applied file's new checksum with the reason; status shows it, migrate accepts the file again")
    func repair() throws {
        let directory = Migrations.temporaryDirectory()
        try Migrations.write(directory, version: 1, name: "t", up: "CREATE TABLE t (id int);\n", down: "DROP TABLE t;\n")
        let (url, _) = try TestDatabase.fresh()
        try Migrations.migrator(url, directory).migrate()
        try "-- t holds the tenants\nCREATE TABLE IF NOT EXISTS t (id int);\n".write(toFile: directory.path + "/1_t.up.sql", atomically: true, encoding: .utf8)
        #expect { try Migrations.migrator(url, directory).migrate() } throws: {
            "\($0)".contains("record it with schemagen repair --version VERSION --reason TEXT")
        }
        let target = ["--database-url", url, "--migrations-dir", directory.path]
        #expect(try run(["repair"] + target + ["--version", "1", "--reason", " "]) == 2)
        #expect(try run(["repair"] + target + ["--version", "2", "--reason", "typo"]) == 2)
        #expect(try run(["repair"] + target + ["--version", "1", "--reason", "made replay-safe"]) == 0)
        #expect(try Migrations.migrator(url, directory).migrate().isEmpty)
        let entry = try #require(try Migrations.migrator(url, directory).history().first)
        #expect(entry.repairs.map(\.reason) == ["made replay-safe"] && entry.repairs[0].to == entry.checksum)
        let status = try Migrations.status(url, directory)
        #expect(status.problems.isEmpty && status.migrations[0].repairs?.first?.reason == "made replay-safe")
        // Nothing more to repair.
        #expect(try run(["repair"] + target + ["--version", "1", "--reason", "again"]) == 2)
    }

    @Test("rollback drops an extension the up file created only if absent when it was absent, and keeps it otherwise")
    func extensionIfAbsent() throws {
        let declared = try SchemaDSL.Database("x") {
            SchemaDSL.Extension("pgcrypto")
            SchemaDSL.Table("t") { SchemaDSL.Column("id", .uuid).primaryKey().default("gen_random_uuid()") }
        }.validated()
        let directory = Migrations.temporaryDirectory()
        try Migrations.emit(declared, name: "initial", into: directory)
        let up = try directory.text(of: try #require(directory.migrations.first).upFile)
        #expect(up.contains("-- schemagen:if-absent extension pgcrypto") && up.contains("CREATE EXTENSION IF NOT EXISTS pgcrypto"))
        for hadIt in [true, false] {
            let (url, connection) = try TestDatabase.fresh()
            if hadIt { try connection.execute("CREATE EXTENSION pgcrypto") }
            try Migrations.migrator(url, directory).migrate()
            #expect(try Migrations.migrator(url, directory).history().first?.keptExtensions == (hadIt ? ["pgcrypto"] : []))
            try Migrations.migrator(url, directory).rollback(allowDataLoss: true)
            #expect(try connection.query("SELECT count(*) FROM pg_extension WHERE extname = 'pgcrypto'").scalar == (hadIt ? "1" : "0"))
            #expect(try connection.query("SELECT to_regclass('public.t') IS NULL").scalar == "t")
        }
    }

    @Test("A migration waiting behind another session's lock fails within lock_timeout; nothing is applied")
    func lockTimeout() throws {
        let directory = Migrations.temporaryDirectory()
        try Migrations.write(directory, version: 1, name: "t", up: "CREATE TABLE t (id int);\n", down: "DROP TABLE t;\n")
        try Migrations.write(directory, version: 2, name: "add", up: "ALTER TABLE t ADD COLUMN note text;\n", down: "ALTER TABLE t DROP COLUMN note;\n")
        let (url, _) = try TestDatabase.fresh()
        try Migrations.migrator(url, directory).migrate(to: 1)
        let reader = try Connection(url: url)
        try reader.execute("BEGIN; SELECT * FROM t;")  // a long transaction holding ACCESS SHARE
        let before = try Migrations.catalog(url)

        let started = ContinuousClock.now
        #expect {
            try Migrations.migrator(url, directory, lockTimeout: "300ms").migrate()
        } throws: { error in
            "\(error)".contains("2_add.up.sql") && "\(error)".contains("lock timeout")
        }
        #expect(ContinuousClock.now - started < .seconds(3))
        try reader.execute("ROLLBACK")
        #expect(try Migrations.catalog(url) == before)
        #expect(try Migrations.migrator(url, directory).history().map(\.version) == [1])
    }

    @Test("Rolling back a down file that loses data needs --allow-data-loss")
    func rollbackNeedsPermission() throws {
        let directory = Migrations.temporaryDirectory()
        try Migrations.emit(try mineGNK.validated(), name: "initial", into: directory)
        let (url, _) = try TestDatabase.fresh()
        try Migrations.migrator(url, directory).migrate()
        let before = try Migrations.catalog(url)
        #expect {
            try Migrations.migrator(url, directory).rollback()
        } throws: { error in
            "\(error)".contains("--allow-data-loss") && "\(error)".contains("drop table public.users")
        }
        #expect(try Migrations.catalog(url) == before)
        // Through the command line: exit status 2, and with permission it runs.
        var command = try CLI.parse(["rollback", "--database-url", url, "--migrations-dir", directory.path])
        #expect(throws: ExitCode(2)) { try command.run() }
        command = try CLI.parse(["rollback", "--database-url", url, "--migrations-dir", directory.path, "--allow-data-loss"])
        try command.run()
        #expect(try Migrations.migrator(url, directory).history().isEmpty)
    }

    @Test("status shows a change made by hand as drift")
    func drift() throws {
        let directory = Migrations.temporaryDirectory()
        try Migrations.emit(try ainp.validated(), name: "initial", into: directory)
        let (url, connection) = try TestDatabase.fresh()
        try Migrations.migrator(url, directory).migrate()
        #expect(try Migrations.status(url, directory).isClean)
        try connection.execute("ALTER TABLE agents ADD COLUMN hacked integer; DROP INDEX idx_agents_usefulness")
        let status = try Migrations.status(url, directory)
        #expect(status.drift.contains("add column public.agents.hacked"), "\(status.drift)")
        #expect(!status.isClean)
    }
}
