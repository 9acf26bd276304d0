import Foundation
import LibPQClient
import MigrationFiles
import Migrator
import PostgresNIO
import SchemaGenPostgresNIO
import Testing

/// `SchemaGenMigrator` against a real server, beside the command line's migrator: one history,
/// one lock, the same refusals.
@Suite("PostgresNIO: migrations at start")
struct MigratorTests {
    /// The compute_pools seed's migrations as `schemagen embed` carries them.
    static func seedMigrations() throws -> [EmbeddedMigration] {
        let directory = MigrationDirectory(path: TestServer.root.appendingPathComponent("Generated/Migrations/compute_pools").path)
        let sums = try #require(directory.recordedChecksums())
        return try directory.migrations.map {
            EmbeddedMigration(version: $0.version, name: $0.name, up: try directory.text(of: $0.upFile), recordedChecksum: sums[$0.upFile]!)
        }
    }

    /// A migration written here, recorded in `schemagen.sum` as it is.
    static func recorded(_ version: Int64, _ name: String, _ up: String, on db: String) throws -> EmbeddedMigration {
        let sum = try checksums(of: [up], using: TestServer.libpq(db))[0]
        return EmbeddedMigration(version: version, name: name, up: up, recordedChecksum: sum)
    }

    static func migrate(_ db: String, _ migrations: [EmbeddedMigration]) async throws -> [Int64] {
        try await TestServer.withClient(db) { client in
            try await SchemaGenMigrator(client: client, migrations: migrations).migrate().map(\.version)
        }
    }

    static func historyVersions(_ db: String) throws -> [String?] {
        try TestServer.libpq(db).query("SELECT version FROM schemagen.schema_migrations ORDER BY 1").rows.map { $0[0] }
    }

    @Test func seedMigratesOnceAndAgreesWithTheCommandLine() async throws {
        let db = try TestServer.database()
        let migrations = try Self.seedMigrations()
        #expect(try await Self.migrate(db, migrations) == migrations.map(\.version))
        #expect(try await Self.migrate(db, migrations).isEmpty)
        let status = try await TestServer.withClient(db) { client in
            try await SchemaGenMigrator(client: client, migrations: migrations).status()
        }
        #expect(status.applied.map(\.version) == migrations.map(\.version))
        #expect(status.applied.map(\.checksum) == migrations.map(\.recordedChecksum))
        #expect(status.pending.isEmpty && status.problems.isEmpty)
        // The command line's migrator reads the same history: nothing pending, nothing wrong.
        let directory = MigrationDirectory(path: TestServer.root.appendingPathComponent("Generated/Migrations/compute_pools").path)
        let cli = try Migrator(url: TestServer.url(db), directory: directory)
        let entries = try cli.history()
        #expect(try cli.problems(history: entries).isEmpty)
        #expect(cli.pending(history: entries).isEmpty)
        #expect(try TestServer.libpq(db).query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").scalar != "0")
    }

    @Test func refusesEditedAndUnrecordedTexts() async throws {
        let db = try TestServer.database()
        let first = try Self.recorded(1, "first", "CREATE TABLE a (id int);\n", on: db)
        #expect(try await Self.migrate(db, [first]) == [1])
        var edited = first
        edited.up = "CREATE TABLE a (id bigint);\n"
        await #expect(throws: MigrationError.self) { try await Self.migrate(db, [edited]) }
        do {
            _ = try await Self.migrate(db, [edited])
        } catch let error as MigrationError {
            #expect(error.description.contains("1_first.up.sql was edited after it was applied"))
        }
        var second = try Self.recorded(2, "second", "CREATE TABLE b (id int);\n", on: db)
        second.up += "CREATE TABLE c (id int);\n"
        do {
            _ = try await Self.migrate(db, [first, second])
            Issue.record("a text schemagen.sum does not record was applied")
        } catch let error as MigrationError {
            #expect(error.description.contains("2_second.up.sql is not what schemagen.sum records"))
        }
        #expect(try Self.historyVersions(db) == ["1"])
        #expect(try TestServer.libpq(db).query("SELECT to_regclass('b') IS NULL").scalar == "t")
    }

    @Test func failedMigrationNamesItsLineAndLeavesNothingBehind() async throws {
        let db = try TestServer.database()
        let good = try Self.recorded(1, "good", "BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n", on: db)
        let bad = try Self.recorded(2, "bad", "BEGIN;\nCREATE TABLE b (id int);\n\nINSERT INTO b VALUES ('x');\nCOMMIT;\n", on: db)
        do {
            _ = try await Self.migrate(db, [good, bad])
            Issue.record("the bad migration applied")
        } catch let error as MigrationError {
            #expect(error.file == "embedded migrations/2_bad.up.sql")
            #expect(error.line == 4)
            #expect(error.sqlState == "22P02")
        }
        #expect(try Self.historyVersions(db) == ["1"])
        #expect(try TestServer.libpq(db).query("SELECT to_regclass('a') IS NOT NULL, to_regclass('b') IS NULL").rows
            == [["t", "t"]])
        // The lock was let go: a fixed migration applies.
        let fixed = try Self.recorded(2, "bad", "CREATE TABLE b (id int);\n", on: db)
        #expect(try await Self.migrate(db, [good, fixed]) == [2])
    }

    @Test func outsideATransactionAndAfterTheCommandLine() async throws {
        let db = try TestServer.database()
        let table = try Self.recorded(1, "table", "CREATE TABLE t (id int, name text);\n", on: db)
        // The command line applies the first, as it would in a deploy script.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nio-migrations-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = MigrationDirectory(path: directory)
        _ = try files.write(version: 1, name: "table", up: table.up, down: "DROP TABLE t;\n")
        try files.recordChecksums(using: TestServer.libpq(db))
        try Migrator(url: TestServer.url(db), directory: files).migrate()
        let index = try Self.recorded(2, "index", """
            -- schemagen:no-transaction
            -- schemagen:index public.t_name
            SET lock_timeout = '5s';
            CREATE INDEX CONCURRENTLY IF NOT EXISTS t_name ON public.t (name);

            """, on: db)
        #expect(try await Self.migrate(db, [table, index]) == [2])
        #expect(try TestServer.libpq(db).query("""
            SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = 'public.t_name'::regclass
            """).scalar == "t")
        #expect(try TestServer.libpq(db).query(
            "SELECT transactional FROM schemagen.schema_migrations WHERE version = 2").scalar == "f")
    }

    @Test func twoInstancesAtOnceApplyOnce() async throws {
        let db = try TestServer.database()
        let slow = try Self.recorded(1, "slow", "CREATE TABLE s (id int);\nSELECT pg_sleep(0.5);\n", on: db)
        async let one = Self.migrate(db, [slow])
        async let two = Self.migrate(db, [slow])
        let applied = try await one + two
        #expect(applied == [1])
        #expect(try Self.historyVersions(db) == ["1"])
    }

    @Test func leavesThePooledConnectionAsItFoundIt() async throws {
        let db = try TestServer.database()
        let migration = try Self.recorded(1, "settings", """
            -- schemagen:no-transaction
            SET check_function_bodies = false;
            SET search_path = pg_catalog;
            CREATE TABLE public.x (id int);

            """, on: db)
        let settings = try await TestServer.withClient(db, connections: 1) { client in
            try await SchemaGenMigrator(client: client, migrations: [migration]).migrate()
            var values: [String] = []
            for try await row in try await client.query(
                "SELECT current_setting('lock_timeout'), current_setting('check_function_bodies'), current_setting('search_path')")
                .decode((String, String, String).self) {
                values = [row.0, row.1, row.2]
            }
            return values
        }
        #expect(settings == ["0", "on", "\"$user\", public"])
    }
}
