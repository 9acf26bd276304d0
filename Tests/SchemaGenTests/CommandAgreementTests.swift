import Foundation
import LibPQClient
import MigrationFiles
import Migrator
import SchemaGenWorkflow
import Schemas
import Testing

/// `diff`, `emit` and `status` share one comparison: on the same input, run as a user runs them
/// (the built `schemagen`), they report the same changes.
@Suite("diff, emit and status agree")
struct CommandAgreementTests {
    /// The changes a command prints with `--format json`.
    static func changes(_ arguments: [String], key: String? = nil) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: MigrateProcessTests.binary)
        process.arguments = arguments + ["--format", "json"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if let key {
            let whole = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            guard let nested = whole?[key] else { return [] }
            data = try JSONSerialization.data(withJSONObject: nested)
        }
        return try JSONDecoder().decode(PlanDocument.self, from: data).changes.map(\.summary)
    }

    static func handWritten(_ seed: String) throws -> String {
        try String(contentsOf: CorpusTests.root.appendingPathComponent("seeds/\(seed)_from_empty/b.sql"), encoding: .utf8)
    }

    @Test("diff --schema and emit, on each seed's hand-written database and on one that drifted",
          arguments: declaredSchemas.map(\.model.name))
    func diffAndEmit(seed: String) throws {
        try #require(FileManager.default.isExecutableFile(atPath: MigrateProcessTests.binary), "run `swift build` first")
        let dev = try TestDatabase.shared().url()
        let (handWritten, _) = try TestDatabase.loaded(try Self.handWritten(seed))
        let (drifted, connection) = try TestDatabase.loaded(try Self.handWritten(seed))
        try connection.execute("CREATE TABLE notes (id int PRIMARY KEY, body text); COMMENT ON SCHEMA public IS 'changed'")
        for url in [handWritten, drifted] {
            let diff = try Self.changes(["diff", "--schema", seed, "--database-url", url, "--dev-url", dev])
            let directory = Migrations.temporaryDirectory()
            let emit = try Self.changes(["emit", "--schema", seed, "--name", "next", "--database-url", url, "--dev-url", dev,
                                         "--migrations-dir", directory.path, "--models-dir", directory.path + "/models",
                                         "--allow-destructive"])
            #expect(!diff.isEmpty)
            #expect(diff == emit, "\(seed): diff and emit disagree")
        }
    }

    @Test("diff's hazard labels are those of the files emit writes (an index emit builds concurrently is not marked as blocking writes)",
          arguments: declaredSchemas.map(\.model.name))
    func hazardLabels(seed: String) throws {
        try #require(FileManager.default.isExecutableFile(atPath: MigrateProcessTests.binary), "run `swift build` first")
        let dev = try TestDatabase.shared().url()
        let (url, connection) = try TestDatabase.loaded(try Self.handWritten(seed))
        // Indexes that back no constraint are gone: diff and emit build them again, concurrently.
        try connection.execute("""
            DO $$ DECLARE r record; BEGIN
              FOR r IN SELECT i.indexrelid::regclass AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
                        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND NOT c.relispartition
                          AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid)
              LOOP EXECUTE 'DROP INDEX ' || r.name; END LOOP;
            END $$
            """)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: MigrateProcessTests.binary)
        process.arguments = ["diff", "--schema", seed, "--database-url", url, "--dev-url", dev, "--format", "json"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let diff = try JSONDecoder().decode(PlanDocument.self, from: data).changes
        try #require(!diff.isEmpty, "\(seed): no index was dropped")
        let directory = Migrations.temporaryDirectory()
        _ = try Self.changes(["emit", "--schema", seed, "--name", "next", "--database-url", url, "--dev-url", dev,
                              "--migrations-dir", directory.path, "--models-dir", directory.path + "/models",
                              "--allow-destructive"])
        let labelled = Set(diff.flatMap { change in change.hazards.map { "\($0): \(change.summary)" } })
        let written = Set(try directory.migrations.flatMap { migration in
            MigrationFile(parsing: try directory.text(of: migration.upFile)).hazards.map { "\($0.hazard.rawValue): \($0.summary)" }
        })
        #expect(labelled == written, "\(seed)")
        #expect(!labelled.contains { $0.hasPrefix("blocks-writes: create index") }, "\(labelled)")
    }

    @Test("status drift is what diff --from the migrations' schema --to the live database shows")
    func statusAndDiff() throws {
        try #require(FileManager.default.isExecutableFile(atPath: MigrateProcessTests.binary), "run `swift build` first")
        let dev = try TestDatabase.shared().url()
        let directory = MigrationDirectory(path: GeneratedFilesTests.root.appendingPathComponent("Generated/Migrations/minegnk").path)
        let (live, connection) = try TestDatabase.fresh()
        let (reference, _) = try TestDatabase.fresh()
        for url in [live, reference] { try Migrations.migrator(url, directory).migrate() }
        try connection.execute("""
            ALTER TABLE users ADD COLUMN nickname text;
            DROP INDEX idx_users_role;
            ALTER TABLE nodes ALTER COLUMN region TYPE varchar(200);
            """)
        let status = try Self.changes(["status", "--database-url", live, "--migrations-dir", directory.path, "--dev-url", dev],
                                      key: "driftPlan")
        let diff = try Self.changes(["diff", "--from", reference, "--to", live, "--dev-url", dev])
        #expect(status.count == 3)
        #expect(status == diff)
    }
}
