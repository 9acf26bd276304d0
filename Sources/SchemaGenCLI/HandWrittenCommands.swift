import ArgumentParser
import Foundation
import LibPQClient
import MigrationFiles
import Migrator
import SchemaGenWorkflow
import SwiftGenerator

/// `--schema NAME` or `--migrations-dir DIR`: which migrations directory a command works on.
struct MigrationFilesOptions: ParsableArguments {
    @Option(help: "The declared schema whose migrations to use: Generated/Migrations/<schema> at the package root.")
    var schema: String?
    @Option(help: "Where the migrations live (instead of --schema).")
    var migrationsDir: String?

    func directory() throws -> MigrationDirectory {
        if let migrationsDir { return MigrationDirectory(path: migrationsDir) }
        guard let schema else { throw CLIError("name the migrations with --schema NAME or --migrations-dir DIR") }
        return MigrationDirectory(path: defaultMigrationsDirectory(try SchemaOptions(schema: schema).database().model.name))
    }
}

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a hand-written migration: an empty numbered up and down file, listed in schemagen.sum.",
        discussion: """
            For what a declaration does not say: moving data, backfills, a statement schemagen does not \
            manage. The files open a transaction with the same limits as emitted files. After editing \
            them, record their text with schemagen hash: migrate refuses files that schemagen.sum does \
            not list as they are. Write them so that replaying every migration into an empty scratch \
            database works (emit and status do that): no data that only production has, and \
            `IF EXISTS`/`IF NOT EXISTS` where an object may already be there.
            """
    )

    @OptionGroup var files: MigrationFilesOptions
    @Option(help: "What the migration does, in snake_case (e.g. backfill_usernames).")
    var name: String
    @OptionGroup var dev: DevOptions

    func run() throws {
        try reportingErrors {
            try checkMigrationName(name, like: "backfill_usernames")
            let directory = try files.directory()
            let version = directory.nextVersion()
            let body = "BEGIN;\n" + MigrationFile.Limits().statements(local: true) + "\n\nCOMMIT;\n"
            let header = """
                -- Written by hand. Statements go between BEGIN and COMMIT; this file must be able to run
                -- in an empty scratch database after the migrations before it. After editing, run
                -- schemagen hash to record it in schemagen.sum.
                """
            let paths = try directory.write(
                version: version, name: name,
                up: "-- \(version)_\(name) up\n\(header)\n\n\(body)",
                down: "-- \(version)_\(name) down: undoes the up file\n\(header)\n\n\(body)")
            let server = dev.server()
            defer { server.stop() }
            try directory.recordChecksums(of: paths.map { ($0 as NSString).lastPathComponent },
                                          using: Connection(url: server.dev().url))
            for path in paths { print("wrote \(path)") }
            print("updated \(directory.path)/\(MigrationDirectory.checksumFile)")
        }
    }
}

struct HashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Record the text of every migration file in schemagen.sum, after reviewing the files.",
        discussion: "migrate refuses pending files that schemagen.sum does not list as they are."
    )

    @OptionGroup var files: MigrationFilesOptions
    @OptionGroup var dev: DevOptions

    func run() throws {
        try reportingErrors {
            let directory = try files.directory()
            guard FileManager.default.fileExists(atPath: directory.path) else {
                throw CLIError("no migrations directory at \(directory.path)")
            }
            let server = dev.server()
            defer { server.stop() }
            let changed = try directory.recordChecksums(using: Connection(url: server.dev().url))
            if changed.isEmpty {
                print("\(directory.path)/\(MigrationDirectory.checksumFile) already records every file as it is")
            } else {
                for file in changed.sorted() { print("recorded \(directory.path)/\(file)") }
                print("updated \(directory.path)/\(MigrationDirectory.checksumFile)")
            }
        }
    }
}

struct RepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Accept an applied migration file that was edited on purpose: record its new checksum.",
        discussion: """
            For an edit that changes nothing the database holds (a comment, a statement made \
            replay-safe). The old checksum, the reason, who and when are kept in the history; status \
            shows them.
            """
    )

    @OptionGroup var target: MigrationTarget
    @Option(help: "The applied migration's version.")
    var version: Int64
    @Option(help: "Why the file was edited; kept in the history.")
    var reason: String

    func run() throws {
        try reportingErrors { try target.migrator().repair(version: version, reason: reason) }
    }
}

/// `--name`: what a migration does, as its file names carry it.
func checkMigrationName(_ name: String, like example: String) throws {
    guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
        throw CLIError("--name must be letters, digits and underscores, like \(example)")
    }
}

struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Write the migrations as a Swift file, for SchemaGenMigrator to apply at an application's start.",
        discussion: """
            One EmbeddedMigration per up file, with the checksum schemagen.sum records for it: a \
            deployed binary needs no files beside it, and the migrator refuses a text that is not \
            what was recorded, as migrate does. Every up file must be listed in schemagen.sum.
            """
    )

    @OptionGroup var files: MigrationFilesOptions
    @Option(help: "The Swift file to write, in a target that depends on SchemaGenPostgresNIO.")
    var output: String
    @Option(help: "The enum that holds the migrations (default: <Schema>Migrations).")
    var typeName: String?
    @Flag(help: "Write nothing; exit 1 when the file is not what would be written (for CI).")
    var check = false

    func run() throws {
        try reportingErrors {
            let directory = try files.directory()
            let migrations = directory.migrations
            guard let recorded = directory.recordedChecksums() else {
                throw CLIError(MigrationProblem.noChecksums(directory: directory.path).description)
            }
            let unlisted = migrations.filter { recorded[$0.upFile] == nil }
            guard unlisted.isEmpty else {
                throw CLIError(unlisted.map { MigrationProblem.notRecorded(file: "\(directory.path)/\($0.upFile)").description }
                    .joined(separator: "\n"))
            }
            let name = typeName ?? EmbeddedMigrationsFile.typeName(
                forSchema: files.schema ?? (directory.path as NSString).lastPathComponent)
            let source = EmbeddedMigrationsFile(
                typeName: name,
                migrations: try migrations.map {
                    .init(version: $0.version, name: $0.name, up: try directory.text(of: $0.upFile), recordedChecksum: recorded[$0.upFile]!)
                },
                command: "schemagen embed" + (files.schema.map { " --schema \($0)" } ?? "")
            ).source
            let current = try? String(contentsOfFile: output, encoding: .utf8)
            if check {
                guard current == source else {
                    printError("\(output) is not what schemagen embed writes for \(directory.path): run it again")
                    throw ExitCode(1)
                }
                print("\(output): the embedded migrations of \(directory.path) are up to date")
                return
            }
            guard current != source else { return print("\(output) already holds the \(migrations.count) migrations") }
            try FileManager.default.createDirectory(atPath: (output as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try source.write(toFile: output, atomically: true, encoding: .utf8)
            print("wrote \(output) (\(migrations.count) migrations)")
        }
    }
}
