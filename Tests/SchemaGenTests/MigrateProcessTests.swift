import Catalog
import Foundation
import MigrationFiles
import Migrator
import LibPQClient
import SchemaModel
import Schemas
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `schemagen migrate` as separate processes: two at once, and one killed midway.
@Suite("schemagen migrate in separate processes")
struct MigrateProcessTests {
    /// The `schemagen` built beside this test binary (`swift build` builds it).
    static let binary: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        return (exe as NSString).deletingLastPathComponent + "/schemagen"
    }()

    static func start(_ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return (process, output)
    }

    @Test("Two processes migrating one database at once, 20 times: every migration applied exactly once")
    func concurrentRuns() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "run `swift build` first: \(Self.binary)")
        // Four migrations: compute_pools, then its evolution in three stages.
        let directory = Migrations.temporaryDirectory()
        try Migrations.emit(try computePools.validated(), name: "initial", into: directory)
        let (staging, _) = try TestDatabase.fresh()
        try Migrations.migrator(staging, directory).migrate()
        try Migrations.emit(try EvolvedSeedTests.evolvedComputePools(), name: "evolve", into: directory, from: staging)
        let versions = directory.migrations.map(\.version)
        #expect(versions.count == 4)
        let (reference, _) = try TestDatabase.fresh()
        try Migrations.migrator(reference, directory).migrate()
        let expected = try Migrations.catalog(reference)

        var waited = 0
        for trial in 1...20 {
            let (url, _) = try TestDatabase.fresh()
            let runs = try (0..<2).map { _ in
                try Self.start(["migrate", "--database-url", url, "--migrations-dir", directory.path])
            }
            var outputs: [String] = []
            for (process, pipe) in runs {
                let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                outputs.append(text)
                #expect(process.terminationStatus == 0, "trial \(trial): \(text)")
            }
            let applied = outputs.joined().split(separator: "\n").filter { $0.hasPrefix("applied ") }
            #expect(applied.count == versions.count, "trial \(trial): \(outputs)")
            if outputs.joined().contains("waiting for another") { waited += 1 }
            #expect(try Migrations.migrator(url, directory).history().map(\.version) == versions, "trial \(trial)")
            #expect(try Migrations.catalog(url) == expected, "trial \(trial)")
        }
        print("concurrent migrate: the second process waited for the lock in \(waited) of 20 trials")
    }

    @Test("A process killed inside CREATE INDEX CONCURRENTLY: the next migrate cleans up and completes")
    func killedMidIndexBuild() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "run `swift build` first: \(Self.binary)")
        let a = DatabaseModel(name: "killed", tables: [Table(
            name: QualifiedName("big"),
            columns: [Column(name: "id", type: .bigint, isNullable: false), Column(name: "payload", type: .text)],
            constraints: [Constraint(name: "big_pkey", kind: .primaryKey(columns: ["id"]))])])
        var b = a
        b.tables[0].indexes = [Index(name: "big_payload_idx", keys: [IndexKey(.column("payload"))])]

        let directory = Migrations.temporaryDirectory()
        try Migrations.emit(a, name: "initial", into: directory)
        let (url, connection) = try TestDatabase.fresh()
        try Migrations.migrator(url, directory).migrate()
        try connection.execute("INSERT INTO big SELECT g, md5(g::text) || md5((g * 7)::text) FROM generate_series(1, 3000000) g")
        try Migrations.emit(b, name: "payload_index", into: directory, from: url)
        let index = try #require(directory.migrations.last)
        #expect(!MigrationFile(parsing: try directory.text(of: index.upFile)).isTransactional)

        let (process, _) = try Self.start(["migrate", "--database-url", url, "--migrations-dir", directory.path])
        // Kill it once the build has begun: PostgreSQL has created the index, still invalid.
        let building = "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'big_payload_idx' AND NOT i.indisvalid"
        let deadline = Date().addingTimeInterval(60)
        while try connection.query(building).scalar == "0" && process.isRunning && Date() < deadline { usleep(5_000) }
        #expect(process.isRunning, "the migration finished before it could be interrupted")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // Its server session notices the lost client within a second or so and stops the build.
        let gone = Date().addingTimeInterval(30)
        while try connection.query("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'schemagen migrate'").scalar != "0",
              Date() < gone { usleep(50_000) }
        #expect(try connection.query(building).scalar == "1", "the interrupted build left an invalid index")
        #expect(try Migrations.migrator(url, directory).history().count == 1)

        try Migrations.migrator(url, directory).migrate()
        #expect(try connection.query(building).scalar == "0")
        #expect(try Migrations.migrator(url, directory).history().count == 2)
        try Migrations.expectMatches(url, b)
    }
}
