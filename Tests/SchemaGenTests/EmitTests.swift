import ArgumentParser
import Differ
import Foundation
import MigrationFiles
import Migrator
import LibPQClient
@testable import SchemaGenCLI
import SchemaGenWorkflow
import Testing

@Suite("schemagen emit")
struct EmitTests {
    func emit(_ arguments: [String]) throws -> Int32 {
        let models = arguments.contains("--models-dir") ? [] : ["--models-dir", TemporaryPaths.path("models")]
        var command = try CLI.parse(["emit"] + arguments + models + ["--dev-url", TestDatabase.shared().url()])
        do { try command.run() } catch let code as ExitCode { return code.rawValue }
        return 0
    }

    func temporaryDirectory() -> String {
        TemporaryPaths.directory("emit")
    }

    @Test("writes up, down and checksums; replaying them, the next emit has nothing to write")
    func emitAndReplay() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let models = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: models) }
        #expect(try emit(["--schema", "ainp", "--name", "initial", "--migrations-dir", dir, "--models-dir", models]) == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(files.count == 3)
        // emit also generates the Swift models, the same as the committed ones.
        let committed = GeneratedFilesTests.root.appendingPathComponent("Generated/Models/Ainp").path
        for name in try FileManager.default.contentsOfDirectory(atPath: committed) {
            #expect(FileManager.default.contents(atPath: models + "/Ainp/" + name) == FileManager.default.contents(atPath: committed + "/" + name))
        }
        #expect(files.contains { $0.hasSuffix("_initial.up.sql") } && files.contains { $0.hasSuffix("_initial.down.sql") })
        let sums = try String(contentsOfFile: dir + "/schemagen.sum", encoding: .utf8).split(separator: "\n")
        #expect(sums.count == 2 && sums.allSatisfy { $0.split(separator: " ").first?.count == 64 })

        #expect(try emit(["--schema", "ainp", "--name", "again", "--migrations-dir", dir]) == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == 3)

        // The up file creates the schema, the down file removes it again.
        let (_, connection) = try TestDatabase.fresh()
        let up = files.first { $0.hasSuffix(".up.sql") }!
        let down = files.first { $0.hasSuffix(".down.sql") }!
        try connection.execute(String(contentsOfFile: dir + "/" + up, encoding: .utf8))
        #expect(try connection.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").scalar == "6")
        let downText = try String(contentsOfFile: dir + "/" + down, encoding: .utf8)
        #expect(downText.contains("-- deletes-data: drop table public.negotiations"))
        try connection.execute(downText)
        #expect(try connection.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").scalar == "0")
    }

    @Test("emit --check and generate --check: exit 1 and write nothing while the committed files are stale, 0 once they are not")
    func checkStaleness() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let models = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: models) }
        func generate(_ arguments: [String]) throws -> Int32 {
            var command = try CLI.parse(["generate", "--schema", "ainp", "--output", models, "--dev-url", TestDatabase.shared().url()] + arguments)
            do { try command.run() } catch let code as ExitCode { return code.rawValue }
            return 0
        }
        let check = ["--schema", "ainp", "--check", "--migrations-dir", dir, "--models-dir", models]
        #expect(try emit(check) == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: models).isEmpty)
        #expect(try generate(["--check"]) == 1)

        #expect(try emit(["--schema", "ainp", "--name", "initial", "--migrations-dir", dir, "--models-dir", models]) == 0)
        #expect(try emit(check) == 0)
        #expect(try generate(["--check"]) == 0)

        // An edited model, or a stray one in a generated folder, makes the models stale again.
        let model = try #require(try FileManager.default.contentsOfDirectory(atPath: models + "/Ainp").first)
        try "// edited\n".write(toFile: models + "/Ainp/" + model, atomically: true, encoding: .utf8)
        #expect(try generate(["--check"]) == 1)
        #expect(try emit(check) == 1)
        #expect(try String(contentsOfFile: models + "/Ainp/" + model, encoding: .utf8) == "// edited\n")
        #expect(try generate([]) == 0)
        try "struct Stray {}\n".write(toFile: models + "/Ainp/Stray.swift", atomically: true, encoding: .utf8)
        #expect(try generate(["--check"]) == 1)
        #expect(try generate([]) == 0)
        #expect(!FileManager.default.fileExists(atPath: models + "/Ainp/Stray.swift"))
        #expect(try generate(["--check"]) == 0)
    }

    @Test("destructive changes are refused unless allowed, and nothing is written")
    func refusesDestructive() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (url, connection) = try TestDatabase.fresh()
        try connection.execute("CREATE TABLE legacy (id int)")
        #expect(try emit(["--schema", "minegnk", "--name", "cleanup", "--database-url", url, "--migrations-dir", dir]) == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        #expect(try emit(["--schema", "minegnk", "--name", "cleanup", "--database-url", url, "--migrations-dir", dir,
                          "--allow-destructive"]) == 0)
        let up = try #require(try FileManager.default.contentsOfDirectory(atPath: dir).first { $0.hasSuffix(".up.sql") })
        #expect(try String(contentsOfFile: dir + "/" + up, encoding: .utf8).contains("-- deletes-data: drop table public.legacy"))
    }

    @Test("emit tries its files before writing them: a file that fails is named with PostgreSQL's message")
    func provesFiles() throws {
        let comparison = try TestDatabase.compare(.empty, .declaration(try SchemaDSL.Database("x") {
            SchemaDSL.Table("accounts") { SchemaDSL.Column("id", .bigint).primaryKey() }
        }.validated()))
        var migration = EmittedMigration(named: "initial", comparison: comparison, firstVersion: 1)
        try migration.prove(comparison, server: TestDatabase.server())
        // The same files with the up file broken, and then with a down file that leaves the table.
        var broken = migration
        broken.pairs[0].up.body += "ALTER TABLE accounts ADD COLUMN id integer;\n"
        #expect {
            try broken.prove(comparison, server: TestDatabase.server())
        } throws: { error in
            "\(error)".hasPrefix("1_initial.up.sql:") && "\(error)".contains("column \"id\" of relation \"accounts\" already exists")
        }
        migration.pairs[0].down.body = "SELECT 1;\n"
        #expect {
            try migration.prove(comparison, server: TestDatabase.server())
        } throws: { error in
            "\(error)".contains("after the down files, 1 change(s) remain") && "\(error)".contains("drop table public.accounts")
        }
    }

    @Test("emit writes nothing when the current schema cannot be copied to try the files on")
    func refusesUnprovable() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (current, _) = try TestDatabase.loaded("""
            CREATE AGGREGATE my_sum(int) (SFUNC = int4pl, STYPE = int);
            CREATE TABLE t (n int);
            CREATE VIEW total AS SELECT my_sum(n) AS s FROM t;
            """)
        let (wanted, _) = try TestDatabase.loaded("""
            CREATE AGGREGATE my_sum(int) (SFUNC = int4pl, STYPE = int);
            CREATE TABLE t (n int, m int);
            CREATE VIEW total AS SELECT my_sum(n) AS s FROM t;
            """)
        #expect(try emit(["--to-url", wanted, "--database-url", current, "--name", "more", "--migrations-dir", dir]) == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test("--to-url writes the migration to another database's schema; migrate applies it and nothing is left")
    func emitToURL() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (wanted, w) = try TestDatabase.fresh()
        let (current, c) = try TestDatabase.fresh()
        try c.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, owner_id bigint NOT NULL); INSERT INTO accounts VALUES (1, 7)")
        try w.execute("""
            CREATE TABLE owners (id bigint PRIMARY KEY);
            CREATE TABLE accounts (id bigint PRIMARY KEY, owner_id bigint NOT NULL REFERENCES owners (id),
                                   status text NOT NULL DEFAULT 'open');
            CREATE INDEX accounts_owner_idx ON accounts (owner_id);
            """)
        #expect(try emit(["--to-url", wanted, "--database-url", current, "--name", "owners", "--migrations-dir", dir]) == 0)
        let ups = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".up.sql") }.sorted()
        #expect(ups.count == 2 && ups[1].hasSuffix("_owners_concurrent_indexes.up.sql"), "\(ups)")
        // The existing row has no owner yet: validation fails in the second file, after the
        // first has committed, and the history says so.
        let directory = MigrationDirectory(path: dir)
        #expect(throws: MigrationError.self) { try Migrations.migrator(current, directory).migrate() }
        #expect(try Migrations.migrator(current, directory).history().count == 1)
        try c.execute("INSERT INTO owners VALUES (7)")
        try Migrations.migrator(current, directory).migrate()
        #expect(try TestDatabase.remaining(current, .database(url: wanted)) == [])
        // Without a migrations directory there is nowhere to write.
        #expect(try emit(["--to-url", wanted, "--name", "x"]) == 2)
    }
}

import SchemaDSL
