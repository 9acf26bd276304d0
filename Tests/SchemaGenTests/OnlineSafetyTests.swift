import Differ
import Foundation
import LibPQClient
import MigrationFiles
import Migrator
import SchemaGenWorkflow
import Testing

/// Migration files are safe however they are run: each sets its own limits and transaction, so
/// `psql -f` behind a long transaction fails fast and leaves nothing behind.
@Suite("Migration files on a busy database")
struct OnlineSafetyTests {
    static let before = """
        CREATE TABLE accounts (id serial PRIMARY KEY, email text, balance integer);
        INSERT INTO accounts (email, balance) SELECT 'user' || n || '@example.com', n FROM generate_series(1, 1000) n;
        """
    static let after = """
        CREATE TABLE accounts (id serial PRIMARY KEY, email text NOT NULL UNIQUE, balance bigint, note text);
        CREATE TABLE audit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());
        CREATE INDEX accounts_balance_idx ON accounts (balance);
        """

    /// The files `emit` writes from `before` to `after`, with a lock timeout of `lockTimeout`.
    static func files(lockTimeout: String) throws -> (EmittedMigration, current: String) {
        let (current, _) = try TestDatabase.loaded(before)
        let (target, _) = try TestDatabase.loaded(after)
        let comparison = try TestDatabase.compare(.database(url: current), .database(url: target))
        let migration = EmittedMigration(named: "m", comparison: comparison, firstVersion: 1,
                                         limits: MigrationFile.Limits(lockTimeout: lockTimeout, statementTimeout: "1min"))
        return (migration, current)
    }

    static func psql(_ url: String, file: String) throws -> (status: Int32, output: String, seconds: Double) {
        let started = Date()
        let run = try Subprocess.run(try TestDatabase.shared().binDirectory + "/psql",
                                     ["--no-psqlrc", "--dbname", url, "-f", file])
        return (run.status, String(decoding: run.output, as: UTF8.self) + run.errors, Date().timeIntervalSince(started))
    }

    @Test("a file run by psql -f behind a transaction that reads the table fails within its lock timeout, and leaves nothing")
    func lockTimeoutUnderPsql() throws {
        let (migration, url) = try Self.files(lockTimeout: "500ms")
        let main = try #require(migration.pairs.first { $0.name == "m" })
        #expect(main.up.text.contains("BEGIN;\nSET LOCAL lock_timeout = '500ms';\nSET LOCAL statement_timeout = '1min';"))
        let path = NSTemporaryDirectory() + "schemagen-online-\(UUID().uuidString).sql"
        try main.up.text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let dumpBefore = try PgDump.statements(url, ignoringColumnOrder: false)

        // A long report holds ACCESS SHARE on the table, as any open transaction that read it does.
        let reader = try Connection(url: url)
        try reader.execute("BEGIN; SELECT count(*) FROM accounts")
        let run = try Self.psql(url, file: path)
        try reader.execute("COMMIT")

        #expect(run.output.contains("canceling statement due to lock timeout"), "\(run.output)")
        #expect(run.seconds < 5, "psql took \(run.seconds) s")
        // The audit table comes before the blocked ALTER in the file; it was rolled back with it.
        #expect(try PgDump.statements(url, ignoringColumnOrder: false) == dumpBefore)

        // Once the reader is gone the same file applies.
        let second = try Self.psql(url, file: path)
        #expect(!second.output.contains("ERROR"), "\(second.output)")
        #expect(try PgDump.statements(url).contains { $0.contains("CREATE TABLE public.audit") })
    }

    @Test("a file outside a transaction sets session limits, and a file migrate applies runs in migrate's own transaction")
    func limitsInEveryFile() throws {
        let (migration, url) = try Self.files(lockTimeout: "2s")
        let online = try #require(migration.pairs.first { !$0.up.isTransactional })
        #expect(online.up.text.contains("SET lock_timeout = '2s';\nSET statement_timeout = '1min';"))
        #expect(!online.up.text.contains("\nBEGIN;") && !online.up.text.contains("COMMIT;"))
        // migrate skips the file's own BEGIN and COMMIT: the history row is in the same transaction.
        let directory = Migrations.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory.path) }
        _ = try migration.write(to: directory, using: Connection(url: TestDatabase.dev().url))
        let migrator = try Migrations.migrator(url, directory)
        try migrator.migrate()
        #expect(try migrator.history().count == migration.pairs.count)
        // The file's session SET does not outlive it: migrate sets its own limits again.
        #expect(try migrator.connection.query("SHOW lock_timeout").scalar == "5s")
        #expect(try TestDatabase.remaining(url, .database(url: try TestDatabase.loaded(Self.after).url)) == [])
    }

    @Test("--forbid-hazards refuses a plan with one of them, naming each change; an unknown hazard is named")
    func forbiddenHazards() throws {
        let (current, _) = try TestDatabase.loaded(Self.before)
        let (target, _) = try TestDatabase.loaded(Self.after)
        let (status, stdout, stderr) = try UnmanagedObjectsTests.run(
            ["diff", "--from", current, "--to", target, "--forbid-hazards", "rewrites-table, fails-if-rows"])
        #expect(status == 2)
        #expect(stdout.contains("change type of public.accounts.balance to bigint  [blocks-reads, breaks-clients, rewrites-table]"))
        #expect(stderr.contains("--forbid-hazards refuses:\n  - change type of public.accounts.balance to bigint  [rewrites-table]"),
                "\(stderr)")
        let allowed = try UnmanagedObjectsTests.run(["diff", "--from", current, "--to", target, "--forbid-hazards", "deletes-data"])
        #expect(allowed.0 == 0, "\(allowed.2)")
        let unknown = try UnmanagedObjectsTests.run(["diff", "--from", current, "--to", target, "--forbid-hazards", "slow"])
        #expect(unknown.0 == 2)
        #expect(unknown.2.contains("no hazard called slow; the hazards are deletes-data, rewrites-table"))
    }
}
