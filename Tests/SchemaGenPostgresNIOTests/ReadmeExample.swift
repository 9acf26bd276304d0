import Foundation
import GeneratedModels
import PostgresNIO
import SchemaGenPostgresNIO
import SchemaGenRuntime
import SwiftGenerator
import Testing

/// What `schemagen embed --schema compute_pools` writes (Examples/pools-api carries that file),
/// read here from the migrations directory.
enum ComputePoolsMigrations {
    /// None when the directory cannot be read, which fails the tests that use them.
    static var all: [EmbeddedMigration] { (try? MigratorTests.seedMigrations()) ?? [] }
}

/// The README's PostgresNIO example, line for line, run against a real server.
func readmeExample(client: PostgresClient, logger: Logger) async throws -> [ComputePools.ComputePool] {
    try await SchemaGenMigrator(client: client, migrations: ComputePoolsMigrations.all).migrate()

    let pool = try await client.insert(ComputePools.ComputePool.Insert(
        name: "gpu-east", resourceType: .gpu, resourceReserve: "115792089237316195423570985008687907853269984665640564039457584007913129639935"))
    let paused = try await client.fetch(ComputePools.ComputePool.self,
        "SELECT * FROM compute_pools WHERE status = \(ComputePools.PoolStatus.paused)")
    try await client.withTransaction(logger: logger) { connection in try await connection.update(pool) }
    return paused + [pool]
}

@Suite("PostgresNIO: README and embedded migrations")
struct ReadmeExampleTests {
    @Test("the README and the DocC overview show this example", arguments: [
        ("README.md", "### Over PostgresNIO"),
        ("Sources/SchemaGenPostgresNIO/SchemaGenPostgresNIO.docc/SchemaGenPostgresNIO.md", "## Overview"),
    ])
    func documentsShowTheExample(file: String, heading: String) throws {
        let text = try String(contentsOf: TestServer.root.appendingPathComponent(file), encoding: .utf8)
        let section = try #require(text.components(separatedBy: heading).dropFirst().first)
        let block = section.components(separatedBy: "```swift\n")[1].components(separatedBy: "```")[0]
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        for line in block.split(separator: "\n") where !line.hasPrefix("import") && !line.contains("PostgresClient(configuration: …)") {
            #expect(source.contains(line.trimmingCharacters(in: .whitespaces)), "\(file): a line not in the example: \(line)")
        }
    }

    @Test func readmeExampleRuns() async throws {
        let db = try TestServer.database()
        let pools = try await TestServer.withClient(db) { client in try await readmeExample(client: client, logger: Logger(label: "readme")) }
        #expect(pools.count == 1)
        #expect(pools[0].resourceReserve.description.count == 78)
    }

    @Test("the example's embedded migrations are the directory's files with their recorded checksums")
    func embeddedMatchesTheDirectory() throws {
        let path = TestServer.root.appendingPathComponent("Generated/Migrations/compute_pools")
        let sums = try String(contentsOf: path.appendingPathComponent("schemagen.sum"), encoding: .utf8)
        let migrations = ComputePoolsMigrations.all
        try #require(!migrations.isEmpty)
        for migration in migrations {
            #expect(sums.contains("\(migration.recordedChecksum)  \(migration.upFile)"))
        }
        let source = try String(contentsOf: TestServer.root.appendingPathComponent(
            "Examples/pools-api/Sources/PoolsAPI/ComputePoolsMigrations.swift"), encoding: .utf8)
        let written = EmbeddedMigrationsFile(
            typeName: "ComputePoolsMigrations",
            migrations: migrations,
            command: "schemagen embed --schema compute_pools").source
        #expect(source == written)
        #expect(source.contains("up: #\"\"\"\n" + migrations[0].up + "\n\"\"\"#"))
    }

    @Test("a text with quotes, backslashes, delimiters and control characters is carried exactly")
    func literalsKeepEveryByte() throws {
        let text = "SELECT '\\\\x' AS \"q\"\"\"#, $$ \\#( $$;\r\n\tdone\u{7}\n"
        let source = EmbeddedMigrationsFile(typeName: "T", migrations: [.init(version: 1, name: "n", up: text, recordedChecksum: "c")],
                                            command: "c").source
        #expect(source.contains("up: \"SELECT"))
        let plain = "SELECT \"\"\"# and \\#( and \\##x;\n"
        let raw = EmbeddedMigrationsFile(typeName: "T", migrations: [.init(version: 1, name: "n", up: plain, recordedChecksum: "c")],
                                         command: "c").source
        #expect(raw.contains("up: ###\"\"\"\n" + plain + "\n\"\"\"###"))
    }
}
